package org.observatoire.beam.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.cubes.CubeSchemas;

/**
 * The published datasets' schemas as files under {@code schemas/datasets/}: one Avro schema ({@code .avsc}) per
 * dataset and a Markdown column dictionary, generated from the schemas the jobs write with. A test keeps the
 * committed files equal to what this generates; {@link #main} rewrites them.
 */
public final class DatasetDictionary {
  private DatasetDictionary() {}

  /** Dataset name → schema of its files. */
  public static Map<String, Schema> datasets() {
    Map<String, Schema> d = new LinkedHashMap<>();
    d.put("occurrences", AvroSchemas.OCCURRENCE_FILE);
    d.put("events", AvroSchemas.EVENT_FILE);
    d.put("checklists", AvroSchemas.CHECKLIST);
    d.put("visits", AvroSchemas.VISIT_FILE);
    d.put("cubes", CubeSchemas.CUBE);
    d.put("rejected", AvroSchemas.REJECTED);
    d.put("duplicates", AvroSchemas.DUPLICATE);
    d.put("restricted-locations", AvroSchemas.RESTRICTED_LOCATION);
    d.put("restricted-rejected-raw", AvroSchemas.RAW_LINE);
    d.put("restricted-dead-letter", AvroSchemas.DEAD_LETTER);
    return d;
  }

  /** File name → content, for everything under schemas/datasets/. */
  public static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder md = new StringBuilder("# Published datasets: column dictionary\n\n")
        .append("Generated from the schemas the jobs write with (`DatasetDictionary`; regenerate with\n")
        .append("`java -cp pipelines/cli/target/observatoire.jar org.observatoire.beam.publish.DatasetDictionary`).\n")
        .append("Darwin Core terms are used as column names wherever a term exists. The Avro schema of each dataset is\n")
        .append("beside this file (`<dataset>.avsc`); Parquet files are written from it (zstd).\n\n")
        .append("`occurrences/`, `events/` and `visits/` are partitioned Hive-style by `protocol` and `year` (in the folder\n")
        .append("names, not in the files); their `geometry` column is a GeoParquet 1.1 WKB point (see docs/publishing.md);\n")
        .append("`visits/` is written only by `nightly --materialise-visits`: otherwise the zero-filled visits are the view\n")
        .append("`visits_zerofilled` over `events`, `checklists` and `occurrences`, with the same columns (see docs/events.md);\n")
        .append("`cubes/` has one folder per grid. Datasets named `restricted-*` go only to the restricted output.\n");
    for (Map.Entry<String, Schema> e : datasets().entrySet()) {
      files.put(e.getKey() + ".avsc", e.getValue().toString(true) + "\n");
      md.append("\n## ").append(e.getKey()).append("\n\n");
      if (e.getValue().getDoc() != null) {
        md.append(e.getValue().getDoc()).append("\n\n");
      }
      md.append("| column | type | meaning |\n|---|---|---|\n");
      if (e.getKey().equals("occurrences") || e.getKey().equals("events") || e.getKey().equals("visits")) {
        md.append("| protocol | string (partition) | Protocol folder name (`stoc-eps`, `spipoll`, ...). |\n");
        md.append("| year | int (partition) | dwc:year of eventDate. |\n");
      }
      for (Schema.Field f : e.getValue().getFields()) {
        md.append("| ").append(f.name()).append(" | ").append(typeName(f.schema())).append(" | ")
            .append(f.doc() == null ? "" : f.doc().replace("|", "\\|").replace("\n", " ")).append(" |\n");
      }
    }
    files.put("README.md", md.toString());
    return files;
  }

  private static String typeName(Schema s) {
    switch (s.getType()) {
      case UNION:
        for (Schema t : s.getTypes()) {
          if (t.getType() != Schema.Type.NULL) {
            return typeName(t) + ", nullable";
          }
        }
        return "null";
      case ARRAY:
        return "list of " + typeName(s.getElementType());
      case RECORD:
        return "struct " + s.getName();
      default:
        return s.getType().getName();
    }
  }

  /** Rewrites schemas/datasets/ under the given repository root (default: the working directory's). */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("schemas"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("run from inside the repository (no schemas/ folder found)");
    }
    Path dir = Files.createDirectories(root.resolve("schemas/datasets"));
    for (Map.Entry<String, String> f : files().entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    System.out.println("wrote " + files().size() + " files to " + dir);
  }
}
