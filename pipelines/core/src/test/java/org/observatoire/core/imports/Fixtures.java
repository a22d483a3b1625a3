package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.samples.SampleData;

/** Test helper: the real-export fixtures, and the output of an import as text and as JSON trees. */
public final class Fixtures {
  private Fixtures() {}

  public static final ImportSettings SETTINGS = new ImportSettings(OffsetDateTime.parse("2026-03-01T09:30:00+01:00"));

  /** sample-data/real: small excerpts of the real exports. */
  public static Path real() {
    return SampleData.root().resolve("real");
  }

  /** ../shared/real relative to the repository root: the full real exports (present here and on CI). */
  public static Path sharedReal() {
    return SampleData.root().getParent().toAbsolutePath().getParent().resolve("shared/real");
  }

  public static String jsonLines(ImportResult result) {
    StringWriter out = new StringWriter();
    try {
      SubmissionLines.write(result.submissions(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static List<JsonNode> trees(ImportResult result) {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : jsonLines(result).split("\n")) {
        out.add(mapper.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The data rows of a CSV file as string arrays (header excluded), read independently of the importers. */
  public static List<String[]> csvRows(Path file, char separator) {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (var it = mapper.readerFor(String[].class)
        .with(CsvSchema.emptySchema().withColumnSeparator(separator))
        .<String[]>readValues(Files.newBufferedReader(file))) {
      List<String[]> rows = new ArrayList<>(it.readAll());
      return rows.subList(1, rows.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String[] csvHeader(Path file, char separator) {
    try (var in = Files.newBufferedReader(file)) {
      CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
      return mapper.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator))
          .<String[]>readValues(in).next();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a fixture folder's files into {@code dir}, to be altered by a test. */
  public static Path copy(Path from, Path dir) {
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
