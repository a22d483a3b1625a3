package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.flags.Flag;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.Generalizer;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.privacy.Pseudonymizer;
import org.observatoire.core.privacy.ReleaseIds;
import org.observatoire.core.privacy.SensitiveSpecies;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.coordinates.CoordinateChecks;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;
import org.observatoire.core.quality.counts.CountChecks;
import org.observatoire.core.taxon.TaxonQuery;

/** The interpreter composed of given steps: here a sensitive list of one STOC-EPS species. */
class OccurrenceInterpreterTest {
  private static final PseudonymKey KEY = PseudonymKey.sampleKeyForSampleDataOnly();
  private static TaxonStep taxon;
  private static OccurrenceInterpreter interpreter;

  @BeforeAll
  static void compose() {
    MetropolitanFrance france = MetropolitanFrance.load();
    taxon = TaxonStep.of(PackageChecklists.bundled());
    interpreter = OccurrenceInterpreter.of(taxon, TemporalStep.in(ZoneId.of("Europe/Paris")),
        LocationStep.of(CoordinateChecks.within(france)),
        QualityStep.rowValidations(BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 6, 1)),
            Map.of("FR", france))),
        PrivacyStep.of(Pseudonymizer.of(KEY), Generalizer.of(SensitiveSpecies.of(List.of(
            new SensitiveSpecies.Entry(999_999, "Agapornis roseicollis", 10_000, "test"))),
            Generalizer.defaultForFrance().projection())),
        PlaceStep.of(RegionLocator.france(), CellAssigner.create(0)),
        CountStep.of(CountChecks.withoutExpectations()),
        ReleaseIds.of(KEY, "release:test"));
  }

  @Test
  void theStepsFlagsComeInTheirOrderAfterTheRulesOnes() {
    Occurrence raw = StepRows.paris().flags(List.of("RULE_FLAG")).countryCode("XX").recordedBy(null)
        .individualCount(0).build();
    FlatOccurrence row = new FlatOccurrence(raw, TaxonQuery.ofCode("NOSUCHBIRD"));
    List<String> expected = new ArrayList<>(List.of("RULE_FLAG"));
    taxon.match(row).match().flags().stream().map(Flag::code).forEach(expected::add);
    expected.addAll(List.of("VALIDATION_COUNTRYCODE_STANDARD", PrivacyStep.OBSERVER_UNKNOWN,
        CountChecks.COUNT_NOT_POSITIVE));
    Interpreted i = interpreter.interpret(row, null);
    assertThat(i.publicRow().flags(), equalTo(expected));
    assertThat(i.generalised(), is(false));
    assertThat(i.publicRow().departementCode(), equalTo("75"));
  }

  @Test
  void aListedSpeciesIsGeneralisedAndItsPublicPointPlaced() {
    Interpreted i = interpreter.interpret(
        new FlatOccurrence(StepRows.paris().build(), TaxonQuery.ofCode("AGAROS")), null);
    assertThat(i.generalised(), is(true));
    assertThat(i.sensitiveCellMetres(), equalTo(10_000));
    assertThat(i.restricted().decimalLatitude(), equalTo(StepRows.PARIS_LAT));
    assertThat(i.publicRow().decimalLatitude(), not(equalTo(StepRows.PARIS_LAT)));
    assertThat(i.publicRow().recordedBy(), equalTo(Pseudonymizer.of(KEY).pseudonym("obs-10231")));
    assertThat(i.publicRow().regionCode(), equalTo("11"));
  }
}
