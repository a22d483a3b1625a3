package org.observatoire.core.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.interpret.InterpretationSettings;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.interpret.RestrictedLocation;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.samples.SampleData;
import org.observatoire.core.validation.Violation;

/**
 * The privacy reproducers of {@code sample-data/privacy/reproducers.jsonl} through the core's whole per-line path:
 * generalisation is decided per event (every row of a visit with a sensitive occurrence, its visit and its ids), the
 * taxon matcher decides what is sensitive (synonyms, codes, current names, conflicts), and parser messages never
 * repeat the line's text.
 */
class PrivacyReproducersTest {
  private static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
  private static SubmissionProcessor processor;
  private static Map<String, Outcome> outcomes;

  @BeforeAll
  static void process() {
    OccurrenceInterpreter interpreter = OccurrenceInterpreter.create(InterpretationSettings
        .of(LocalDate.of(2026, 11, 23), PseudonymKey.sampleKeyForSampleDataOnly()).withReleaseScope("r-test"));
    processor = SubmissionProcessor.create(REFERENCE, SubmissionProcessor.FILE_MAX_LINE_BYTES, interpreter);
    outcomes = new HashMap<>();
    List<String> lines = SampleData.readLines(SampleData.root().resolve("privacy/reproducers.jsonl"));
    for (int i = 0; i < lines.size(); i++) {
      Outcome o = processor.process(RawLine.of(SourceRef.of("reproducers.jsonl", i + 1),
          lines.get(i).getBytes(StandardCharsets.UTF_8)));
      String id = o instanceof Outcome.Accepted a ? a.submissionId() : "line " + (i + 1);
      outcomes.put(id, o);
    }
  }

  private static Outcome.Accepted accepted(String id) {
    Outcome o = outcomes.get(id);
    assertThat(id + " is accepted", o, instanceOf(Outcome.Accepted.class));
    return (Outcome.Accepted) o;
  }

  @Test
  void aGardenCountWithAPeregrineFalconIsGeneralisedWholeGreatTitIncluded() {
    Outcome.Accepted a = accepted("privacy.garden.falper.1");
    assertThat(a.occurrences(), hasSize(2));
    assertThat(a.generalisationMeters(), is(10_000));
    Set<String> points = a.occurrences().stream().map(o -> o.decimalLatitude() + "," + o.decimalLongitude())
        .collect(Collectors.toSet());
    assertThat("both rows at one cell centre", points, hasSize(1));
    for (Occurrence o : a.occurrences()) {
      assertThat(o.dataGeneralizations(), containsString("10 km cell"));
      assertThat(o.coordinateUncertaintyInMeters() >= 7071, is(true));
      assertThat(o.decimalLatitude() == 45.18825, is(false));
      assertThat(o.eventID(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.locationID(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.occurrenceID(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.submissionId(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.eea1km() == null || !o.eea1km().isEmpty(), is(true));
    }
    Occurrence tit = a.occurrences().stream().filter(o -> "Parus major".equals(o.scientificName())).findFirst()
        .orElseThrow();
    assertThat(tit.informationWithheld(), is(SubmissionProcessor.SENSITIVE_EVENT));
    assertThat(a.visit().eventID(), is(tit.eventID()));
    assertThat(a.visit().locationID(), is(tit.locationID()));
    assertThat(a.visit().submissionId(), is(tit.submissionId()));
    assertThat(a.visit().siteLatitude(), is(tit.decimalLatitude()));
    assertThat(a.restricted(), hasSize(2));
    for (RestrictedLocation r : a.restricted()) {
      assertThat(r.decimalLatitude(), is(45.18825));
      assertThat(r.locationID(), is("jardin-privacy-1"));
      assertThat(r.publishedOccurrenceID(), startsWith(ReleaseIds.PREFIX));
    }
    assertThat(a.siteKeys(), org.hamcrest.Matchers.hasItems(
        SiteKeys.site("oiseaux-des-jardins", "jardin-privacy-1"), SiteKeys.point(45.18825, 5.72441)));
  }

  @Test
  void aStocPointSharedByAnEagleOwlAndAGreatTitIsGeneralisedWithItsWholeVisit() {
    Outcome.Accepted a = accepted("privacy.stoc.bubbub.v1");
    assertThat(a.generalisationMeters(), is(10_000));
    for (Occurrence o : a.occurrences()) {
      assertThat(o.scientificName() + " generalised", o.dataGeneralizations(), notNullValue());
      assertThat(o.eventID(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.parentEventID(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.locationID(), startsWith(ReleaseIds.PREFIX));
      assertThat(o.dynamicProperties() == null || !o.dynamicProperties().contains("atitude"), is(true));
    }
    assertThat(a.visit().eventID(), is(a.occurrences().get(0).parentEventID()));
    assertThat(a.visit().siteLatitude() == 44.41212, is(false));
  }

  @Test
  void aLaterVisitWithoutTheSensitiveSpeciesKeepsItsSiteKeysForTheReleaseWidePass() {
    Outcome.Accepted later = accepted("privacy.garden.falper.2");
    assertThat("not sensitive on its own", later.generalisationMeters(), is(0));
    assertThat(later.siteKeys(), org.hamcrest.Matchers.hasItem(
        SiteKeys.site("oiseaux-des-jardins", "jardin-privacy-1")));
    Outcome.Accepted samePoint = accepted("privacy.garden.falper.3");
    assertThat(samePoint.siteKeys(), org.hamcrest.Matchers.hasItem(SiteKeys.point(45.18825, 5.72441)));
  }

  @Test
  void synonymsCodesCurrentNamesAndConflictsAreSensitive() {
    assertThat(accepted("privacy.synonym.hieraaetus").generalisationMeters(), is(20_000));
    assertThat(accepted("privacy.code.hiefas").generalisationMeters(), is(20_000));
    assertThat(accepted("privacy.current.lyrurus").generalisationMeters(), is(10_000));
    Outcome.Accepted conflict = accepted("privacy.conflict.falper-parmaj");
    assertThat("FALPER with Parus major", conflict.generalisationMeters(), is(10_000));
    assertThat(conflict.occurrences().stream().map(Occurrence::dataGeneralizations).toList(),
        everyItem(notNullValue()));
  }

  @Test
  void theSameEventGetsTheSameOpaqueIdsInOneReleaseAndOthersInAnother() {
    PseudonymKey key = PseudonymKey.sampleKeyForSampleDataOnly();
    ReleaseIds one = ReleaseIds.of(key, "r1");
    assertThat(one.opaque("event", "oiseaux-des-jardins:x"), is(ReleaseIds.of(key, "r1")
        .opaque("event", "oiseaux-des-jardins:x")));
    assertThat(one.opaque("event", "oiseaux-des-jardins:x"),
        not(ReleaseIds.of(key, "r2").opaque("event", "oiseaux-des-jardins:x")));
    assertThat(one.opaque("location", "a"), not(one.opaque("event", "a")));
    String opaque = one.opaque("location", "a");
    assertThat("idempotent", one.opaque("location", opaque), is(opaque));
  }

  @Test
  void aParserMessageNeverRepeatsTheLine() {
    Outcome o = outcomes.get("line 10");
    assertThat(o, instanceOf(Outcome.Rejected.class));
    Outcome.Rejected r = (Outcome.Rejected) o;
    assertThat(r.codes(), is(List.of("MALFORMED_JSON")));
    Violation v = r.violations().get(0);
    assertThat(v.message(), not(containsString("Quatrebarbe")));
    assertThat(v.message(), startsWith("not valid JSON at line 1, column "));
    assertThat(v.message(), containsString("an unrecognised token"));
    assertThat(r.publicText(), is((String) null));
  }

  @Test
  void schemaAndProtocolMessagesNeverRepeatSubmittedText() {
    String line = SampleData.readLines(SampleData.root().resolve("privacy/reproducers.jsonl")).get(1)
        .replace("\"submittedAt\":\"2025-02-01T12:00:05+01:00\"", "\"submittedAt\":\"Ambroise Quatrebarbe\"")
        .replace("\"app\":{", "\"Ambroise Quatrebarbe\":1,\"app\":{");
    Outcome.Rejected r = (Outcome.Rejected) processor.process(RawLine.of(SourceRef.of("x.jsonl", 1),
        line.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.violations(), not(empty()));
    for (Violation v : r.violations()) {
      assertThat(v.code() + " " + v.message(), v.message(), not(containsString("Quatrebarbe")));
      assertThat(v.pointer(), not(containsString("Quatrebarbe")));
    }
    String unknown = line.replace("\"protocol\":\"oiseaux-des-jardins\"", "\"protocol\":\"Ambroise Quatrebarbe\"");
    Outcome.Rejected u = (Outcome.Rejected) processor.process(RawLine.of(SourceRef.of("x.jsonl", 2),
        unknown.getBytes(StandardCharsets.UTF_8)));
    assertThat(u.violations().get(0).message(), not(containsString("Quatrebarbe")));
  }
}
