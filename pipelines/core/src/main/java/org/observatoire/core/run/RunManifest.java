package org.observatoire.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.observatoire.core.protocol.ProtocolSchema;

/**
 * The run manifest: what went in (files with checksums, schema versions, parameters), what came out (counts per
 * file, per protocol and in total; rows found in the written files) and the proof that nothing was lost:
 * for every file, lines read = curated + rejected + duplicates + dead-lettered, and the occurrence rows counted
 * equal the rows in the written Parquet files.
 */
public final class RunManifest {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode json;
  private final List<String> problems;

  private RunManifest(ObjectNode json, List<String> problems) {
    this.json = json;
    this.problems = List.copyOf(problems);
  }

  /** Collects a run's facts; {@link #build()} checks conservation. */
  public static Builder builder() {
    return new Builder();
  }

  public JsonNode json() {
    return json.deepCopy();
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(json) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the manifest", e);
    }
  }

  public boolean conservationHolds() {
    return problems.isEmpty();
  }

  /** Throws a {@link ConservationException} naming every discrepancy, if there is one. */
  public void requireConservation() {
    if (!problems.isEmpty()) {
      throw new ConservationException(problems);
    }
  }

  /** Builder; not thread-safe. */
  public static final class Builder {
    private final ObjectNode run = MAPPER.createObjectNode();
    private final List<InputFile> inputs = new ArrayList<>();
    private final List<ProtocolSchema> schemas = new ArrayList<>();
    private final Map<CountKey, Long> counts = new TreeMap<>(
        java.util.Comparator.comparing(CountKey::file).thenComparing(CountKey::protocol)
            .thenComparing(CountKey::kind));
    private final Map<String, long[]> outputs = new TreeMap<>();
    private final Map<String, Map<String, Long>> bdq = new TreeMap<>();

    private Builder() {}

    /**
     * The BDQ responses on the interpreted rows: test label → response ("STATUS" or "STATUS RESULT", see
     * {@code ResponseTally}) → rows.
     */
    public Builder bdq(Map<String, Map<String, Long>> byTest) {
      byTest.forEach((test, responses) -> responses.forEach(
          (response, n) -> bdq.computeIfAbsent(test, t -> new TreeMap<>()).merge(response, n, Long::sum)));
      return this;
    }

    /** A run-level fact (run id, runner, reference time, durations, parameters, code version...). */
    public Builder run(String name, Object value) {
      run.set(Objects.requireNonNull(name, "name"), MAPPER.valueToTree(value));
      return this;
    }

    public Builder input(InputFile file) {
      inputs.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    public Builder schema(ProtocolSchema schema) {
      schemas.add(Objects.requireNonNull(schema, "schema"));
      return this;
    }

    public Builder count(CountKey key, long n) {
      counts.merge(Objects.requireNonNull(key, "key"), n, Long::sum);
      return this;
    }

    /** A written dataset: how many files and rows its Parquet footers hold. */
    public Builder output(String dataset, long files, long rows) {
      outputs.put(Objects.requireNonNull(dataset, "dataset"), new long[] {files, rows});
      return this;
    }

    public RunManifest build() {
      Map<String, Tally> byFile = new TreeMap<>();
      Map<String, Tally> byProtocol = new TreeMap<>();
      Tally total = new Tally();
      for (InputFile f : inputs) {
        byFile.put(f.name(), new Tally());
      }
      List<String> problems = new ArrayList<>();
      Map<String, String> faults = new TreeMap<>();
      for (Map.Entry<CountKey, Long> e : counts.entrySet()) {
        CountKey k = e.getKey();
        if (k.kind() == OutcomeKind.INPUT_FAULT) {
          faults.merge(k.file(), k.protocol(), (a, b) -> a + "; " + b);
        }
        Tally fileTally = byFile.get(k.file());
        if (fileTally == null) {
          problems.add("counts for a file that is not an input: " + k.file());
          fileTally = new Tally();
          byFile.put(k.file(), fileTally);
        }
        fileTally.add(k.kind(), e.getValue());
        total.add(k.kind(), e.getValue());
        if (k.kind() != OutcomeKind.LINES_READ && k.kind() != OutcomeKind.BYTES_READ
            && k.kind() != OutcomeKind.INPUT_FAULT) {
          byProtocol.computeIfAbsent(k.protocol(), p -> new Tally()).add(k.kind(), e.getValue());
        }
      }
      ObjectNode root = MAPPER.createObjectNode();
      root.set("run", run);
      ArrayNode inputsJson = root.putArray("inputs");
      for (InputFile f : inputs) {
        Tally t = byFile.get(f.name());
        ObjectNode n = inputsJson.addObject().put("file", f.name()).put("bytes", f.bytes()).put("sha256", f.sha256());
        putCounts(n.putObject("counts"), t, true);
        if (t.get(OutcomeKind.LINES_READ) != t.accountedFor()) {
          problems.add(f.name() + ": " + t.get(OutcomeKind.LINES_READ) + " lines read but " + t.accountedFor()
              + " accounted for (curated + rejected + duplicates + dead-lettered)");
        }
        String fault = faults.get(f.name());
        if (fault != null) {
          n.putObject("fault").put("kind", fault).put("linesRead", t.get(OutcomeKind.LINES_READ))
              .put("bytesRead", t.get(OutcomeKind.BYTES_READ));
        } else if (!f.name().endsWith(".gz") && t.get(OutcomeKind.BYTES_READ) != f.bytes()) {
          problems.add(f.name() + ": " + t.get(OutcomeKind.BYTES_READ) + " bytes read of " + f.bytes());
        }
      }
      // files a read fault ended early: their lines before the fault are read and accounted for like any other's
      ArrayNode faultyJson = root.putArray("faultyInputs");
      faults.forEach((file, kind) -> faultyJson.addObject().put("file", file).put("kind", kind)
          .put("linesRead", byFile.get(file).get(OutcomeKind.LINES_READ))
          .put("bytesRead", byFile.get(file).get(OutcomeKind.BYTES_READ)));
      ObjectNode protocolsJson = root.putObject("protocols");
      byProtocol.forEach((p, t) -> putCounts(protocolsJson.putObject(p), t, false));
      putCounts(root.putObject("totals"), total, true);
      ArrayNode schemasJson = root.putArray("schemas");
      for (ProtocolSchema s : schemas) {
        schemasJson.addObject().put("protocol", s.protocol()).put("version", s.version()).put("id", s.schemaId())
            .put("file", "schemas/" + s.resource()).put("sha256", s.sha256());
      }
      ObjectNode bdqJson = root.putObject("bdq");
      bdq.forEach((test, responses) -> {
        ObjectNode t = bdqJson.putObject(test);
        responses.forEach(t::put);
      });
      ObjectNode outputsJson = root.putObject("outputs");
      outputs.forEach((name, fr) -> outputsJson.putObject(name).put("files", fr[0]).put("rows", fr[1]));
      checkOutput(problems, "occurrences", total.get(OutcomeKind.OCCURRENCES));
      checkOutput(problems, "rejected", total.get(OutcomeKind.REJECTED));
      checkOutput(problems, "duplicates", total.get(OutcomeKind.DUPLICATE));
      checkOutput(problems, "dead-letter",
          total.get(OutcomeKind.DEAD_LETTERED) + total.get(OutcomeKind.STAGE_FAILURES));
      ObjectNode conservation = root.putObject("conservation");
      conservation.put("equation", "linesRead = curatedSubmissions + rejected + duplicates + deadLettered, per file;"
          + " occurrenceRows = rows in occurrences/*.parquet; of those, occurrenceRowsWithoutLocation have no"
          + " coordinates (LOCATION_UNKNOWN) and are in no cube cell");
      conservation.put("holds", problems.isEmpty());
      ArrayNode problemsJson = conservation.putArray("problems");
      problems.forEach(problemsJson::add);
      return new RunManifest(root, problems);
    }

    private void checkOutput(List<String> problems, String dataset, long expected) {
      long[] written = outputs.get(dataset);
      if (written != null && written[1] != expected) {
        problems.add(dataset + ": " + expected + " rows counted but " + written[1] + " rows in the written files");
      }
    }

    private static void putCounts(ObjectNode n, Tally t, boolean withRead) {
      for (OutcomeKind k : OutcomeKind.values()) {
        if (withRead || (k != OutcomeKind.LINES_READ && k != OutcomeKind.BYTES_READ)) {
          n.put(k.jsonName(), t.get(k));
        }
      }
      if (!withRead) {
        n.put(OutcomeKind.LINES_READ.jsonName(), t.accountedFor());
      }
    }
  }
}
