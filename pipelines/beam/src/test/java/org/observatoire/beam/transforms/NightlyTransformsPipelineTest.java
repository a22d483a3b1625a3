package org.observatoire.beam.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.ingest.SubmissionIds;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.observatoire.beam.io.RawLineCoder;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.samples.SampleData;

/**
 * The nightly transforms on the DirectRunner, with strict PAssert on every output: curated occurrence rows (ids as
 * the core computes them), rejected rows with their codes and no personal data, duplicates, counters.
 */
class NightlyTransformsPipelineTest {
  private static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
  private static final ProcessingConfig CONFIG = ProcessingConfig.of(REFERENCE, 1 << 20, null, true, null);

  private static List<RawLine> fixture() throws IOException {
    List<String> valid = Files.readAllLines(SampleData.root().resolve("submissions/propage/valid.jsonl"));
    List<String> invalid = Files.readAllLines(SampleData.root().resolve("submissions/propage/invalid.jsonl"));
    List<RawLine> lines = new ArrayList<>();
    lines.add(line("a.jsonl", 1, valid.get(0)));
    lines.add(line("a.jsonl", 2, valid.get(1)));
    lines.add(line("a.jsonl", 3, invalid.get(3))); // propage.inv.vegetation: SCHEMA_ENUM
    lines.add(line("a.jsonl", 4, "{not json"));
    lines.add(line("b.jsonl", 1, valid.get(0))); // the same submission sent again
    return lines;
  }

  private static RawLine line(String file, long n, String text) {
    return RawLine.of(SourceRef.of(file, n), text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * -1: submissions with an id of their own kept on the way, the others grouped by id, as the nightly job does; 0:
   * all grouped by submission id; else in that many buckets, as the streaming job does.
   */
  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 7})
  void curatedRejectedAndDuplicateOutputsAreExactlyWhatTheCoreDecides(int buckets) throws IOException {
    List<RawLine> lines = fixture();
    Map<String, Integer> expectedRows = new TreeMap<>();
    List<String> expectedIds = new ArrayList<>();
    for (RawLine l : lines.subList(0, 2)) {
      Outcome.Accepted a = (Outcome.Accepted) CONFIG.processor().process(l);
      expectedRows.put(a.submissionId(), a.occurrences().size());
      a.occurrences().forEach(o -> expectedIds.add(o.occurrenceID()));
    }
    List<String> invalidCodes = new ArrayList<>(((Outcome.Rejected) CONFIG.processor().process(lines.get(2))).codes());

    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(options);
    PCollection<RawLine> input = p.apply(Create.of(lines).withCoder(RawLineCoder.of()));
    ProcessSubmissions process = ProcessSubmissions.with(CONFIG);
    if (buckets < 0) {
      process = process.keepingUnique(input
          .apply("IdKeys", FlatMapElements.into(TypeDescriptors.longs()).via((RawLine l) ->
              SubmissionIds.peek(l.bytes()).map(id -> List.of(SubmissionIds.key(id))).orElse(List.of())))
          .apply(FindRepeatedIds.create()));
    }
    PCollectionTuple processed = input.apply(process);
    DeduplicateSubmissions dedupe = buckets <= 0 ? DeduplicateSubmissions.create()
        : DeduplicateSubmissions.inBuckets(buckets);
    PCollectionTuple curated = buckets < 0
        ? processed.get(process.sideTag()).apply(DeduplicateSubmissions.takeRepeated()).apply(dedupe)
        : processed.get(process.acceptedTag()).apply(dedupe);
    PCollection<GenericRecord> kept = buckets < 0
        ? PCollectionList.of(processed.get(process.acceptedTag()).apply(Values.create())
            .setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED)))
            .and(curated.get(dedupe.curatedTag())).apply(Flatten.pCollections())
        : curated.get(dedupe.curatedTag());
    RouteSideRecords route = RouteSideRecords.create();
    PCollectionTuple sides = PCollectionList.of(processed.get(process.sideTag()))
        .and(curated.get(dedupe.sideTag())).apply(route);

    PAssert.that(kept.apply(ExpandOccurrences.create())).satisfies(rows -> {
      List<String> ids = new ArrayList<>();
      Map<String, Integer> perSubmission = new TreeMap<>();
      for (GenericRecord r : rows) {
        ids.add(r.get("occurrenceID").toString());
        perSubmission.merge(r.get("submissionId").toString(), 1, Integer::sum);
        assertThat(r.get("recordedBy").toString().startsWith("obs_"), is(true));
        assertThat(r.get("county"), notNullValue());
        assertThat(r.get("inpn10km").toString().startsWith("10kmL93E"), is(true));
      }
      assertThat(ids, containsInAnyOrder(expectedIds.toArray()));
      assertThat(perSubmission, equalTo(expectedRows));
      return null;
    });
    PAssert.that(sides.get(route.tag(SideKind.REJECTED))).satisfies(rows -> {
      Map<Long, List<String>> codes = new TreeMap<>();
      for (GenericRecord r : rows) {
        List<String> c = new ArrayList<>();
        ((List<?>) r.get("violationCodes")).forEach(x -> c.add(x.toString()));
        codes.put((Long) r.get("sourceLine"), c);
        Object text = r.get("submission");
        if (text != null) {
          assertThat("no e-mail in public rejected rows", text.toString().contains("@"), is(false));
        }
      }
      assertThat(codes, equalTo(Map.of(3L, invalidCodes, 4L, List.of("MALFORMED_JSON"))));
      return null;
    });
    PAssert.that(sides.get(route.tag(SideKind.DUPLICATE))).satisfies(rows -> {
      List<GenericRecord> all = StreamSupport.stream(rows.spliterator(), false).toList();
      assertThat(all.size(), is(1));
      GenericRecord d = all.get(0);
      assertThat(d.get("sourceFile").toString() + ":" + d.get("sourceLine"), equalTo("b.jsonl:1"));
      assertThat(d.get("keptSourceFile").toString() + ":" + d.get("keptSourceLine"), equalTo("a.jsonl:1"));
      assertThat(d.get("reason").toString(), equalTo("identical"));
      return null;
    });
    PAssert.that(sides.get(route.tag(SideKind.DEAD_LETTER))).empty();
    PAssert.that(sides.get(route.tag(SideKind.RAW_REJECTED))).satisfies(rows -> {
      List<Long> lineNumbers = new ArrayList<>();
      rows.forEach(r -> lineNumbers.add((Long) r.get("sourceLine")));
      assertThat(lineNumbers, containsInAnyOrder(3L, 4L));
      return null;
    });
    PAssert.that(sides.get(route.countsTag())).satisfies(counts -> {
      List<String> keys = new ArrayList<>();
      counts.forEach(kv -> keys.add(kv.getKey() + "=" + kv.getValue()));
      assertThat(keys, hasItem("b.jsonl\tpropage\tDUPLICATE=1"));
      assertThat(keys, hasItem("a.jsonl\tpropage\tCURATED=1"));
      assertThat(keys, hasItem("a.jsonl\tpropage\tREJECTED=1"));
      // every curated submission counted once, whichever way it was kept
      long curatedCount = keys.stream().filter(k -> k.contains("\tCURATED=")).mapToLong(
          k -> Long.parseLong(k.substring(k.lastIndexOf('=') + 1))).sum();
      assertThat(curatedCount, is(2L));
      return null;
    });
    p.run().waitUntilFinish();
  }
}
