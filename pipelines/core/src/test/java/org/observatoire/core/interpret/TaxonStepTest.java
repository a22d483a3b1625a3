package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.taxon.TaxonQuery;

class TaxonStepTest {
  private static final TaxonStep STEP = TaxonStep.of(PackageChecklists.bundled());

  @Test
  void aListedCodeBecomesTheAcceptedTaxon() {
    Occurrence raw = StepRows.paris().vernacularName("as submitted").build();
    TaxonStep.Result r = STEP.match(new FlatOccurrence(raw, TaxonQuery.ofCode("AGAROS")));
    assertThat(r.checked(), is(true));
    assertThat(r.nonTaxon(), is(false));
    Occurrence.Builder b = raw.toBuilder();
    Set<String> flags = new LinkedHashSet<>();
    STEP.write(r, raw, b, flags);
    Occurrence out = b.build();
    assertThat(out.scientificName(), equalTo("Agapornis roseicollis"));
    assertThat(out.vernacularName(), equalTo("Inséparable rosegorge"));
    assertThat(out.family(), equalTo("Psittacidae"));
    assertThat(out.taxonKey(), equalTo("name:agapornis-roseicollis"));
    assertThat(out.taxonMatchType(), equalTo(r.match().matchType().name()));
  }

  @Test
  void anUnknownCodeIsCheckedButLeavesTheTaxonEmpty() {
    Occurrence raw = StepRows.paris().build();
    TaxonStep.Result r = STEP.match(new FlatOccurrence(raw, TaxonQuery.ofCode("NOSUCHBIRD")));
    Occurrence.Builder b = raw.toBuilder();
    STEP.write(r, raw, b, new LinkedHashSet<>());
    Occurrence out = b.build();
    assertThat(r.checked(), is(true));
    assertThat(r.match().isMatched(), is(false));
    assertThat(out.taxonKey(), nullValue());
    assertThat(out.taxonMatchType(), equalTo("NONE"));
  }

  @Test
  void aRecordersNoiseIsNoTaxon() {
    Occurrence raw = StepRows.paris().protocol("vigie-chiro").build();
    TaxonStep.Result r = STEP.match(new FlatOccurrence(raw, TaxonQuery.ofCode("noise")));
    assertThat(r.nonTaxon(), is(true));
    assertThat(r.match().taxonKey(), equalTo("entry:vigie-chiro-noise"));
  }

  @Test
  void aCivicReportHasNoChecklistAndNoMatchType() {
    Occurrence raw = StepRows.paris().protocol("signalements-voirie").build();
    TaxonStep.Result r = STEP.match(new FlatOccurrence(raw, null));
    Occurrence.Builder b = raw.toBuilder();
    STEP.write(r, raw, b, new LinkedHashSet<>());
    assertThat(r.checked(), is(false));
    assertThat(b.build().taxonMatchType(), nullValue());
  }
}
