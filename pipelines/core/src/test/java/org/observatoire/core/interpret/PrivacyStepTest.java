package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.Generalizer;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.privacy.Pseudonymizer;
import org.observatoire.core.privacy.SensitiveSpecies;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.taxon.TaxonMatch;
import org.observatoire.core.taxon.TaxonQuery;

class PrivacyStepTest {
  private static final Pseudonymizer PSEUDONYMS = Pseudonymizer.of(PseudonymKey.sampleKeyForSampleDataOnly());
  /** A list naming one species of the STOC-EPS checklist, generalised to 10 km. */
  private static final PrivacyStep STEP = PrivacyStep.of(PSEUDONYMS, Generalizer.of(
      SensitiveSpecies.of(List.of(new SensitiveSpecies.Entry(999_999, "Agapornis roseicollis", 10_000, "test"))),
      Generalizer.defaultForFrance().projection()));

  private static TaxonMatch match(String code) {
    Occurrence raw = StepRows.paris().build();
    return TaxonStep.of(PackageChecklists.bundled()).match(new FlatOccurrence(raw, TaxonQuery.ofCode(code))).match();
  }

  @Test
  void theObserverBecomesItsPseudonym() {
    Occurrence raw = StepRows.paris().build();
    Occurrence.Builder b = raw.toBuilder();
    Set<String> flags = new LinkedHashSet<>();
    STEP.pseudonymise(raw, b, flags);
    assertThat(b.build().recordedBy(), equalTo(PSEUDONYMS.pseudonym("obs-10231")));
    assertThat(b.build().recordedBy(), not(equalTo("obs-10231")));
    assertThat(flags, is(empty()));
  }

  @Test
  void noObserverIsSaidUnknown() {
    Occurrence raw = StepRows.paris().recordedBy("").build();
    Occurrence.Builder b = raw.toBuilder();
    Set<String> flags = new LinkedHashSet<>();
    STEP.pseudonymise(raw, b, flags);
    assertThat(b.build().recordedBy(), nullValue());
    assertThat(flags, contains(PrivacyStep.OBSERVER_UNKNOWN));
  }

  @Test
  void onlyTheListedTaxaAreSensitive() {
    assertThat(STEP.sensitiveEntry(match("AGAROS")).map(SensitiveSpecies.Entry::generalisationMetres).orElse(0),
        equalTo(10_000));
    assertThat(STEP.sensitiveEntry(match("AEGCAUROS")).isPresent(), is(false));
    assertThat(STEP.sensitiveCellMetres("taxref:999999"), equalTo(10_000));
    assertThat(STEP.sensitiveCellMetres("taxref:1"), equalTo(0));
  }

  @Test
  void aSensitivePointIsPublishedAtItsCellCentreAndKeptPreciseAside() {
    TaxonMatch m = match("AGAROS");
    Occurrence raw = StepRows.paris().build();
    Occurrence.Builder b = raw.toBuilder();
    PrivacyStep.Generalised g = STEP.generalise(STEP.sensitiveEntry(m).orElseThrow(), raw, m, b);
    Occurrence out = b.build();
    assertThat(g.restricted().decimalLatitude(), equalTo(StepRows.PARIS_LAT));
    assertThat(g.restricted().generalisationMeters(), equalTo(10_000));
    assertThat(g.restricted().taxonKey(), equalTo(m.taxonKey()));
    assertThat(out.decimalLatitude(), equalTo(g.publicLatitude()));
    assertThat(out.decimalLatitude(), not(equalTo(StepRows.PARIS_LAT)));
    assertThat(out.decimalLatitude(), closeTo(StepRows.PARIS_LAT, 0.1));
    assertThat(out.dataGeneralizations(), notNullValue());
    assertThat(out.coordinateUncertaintyInMeters(), not(equalTo(30.0)));
  }
}
