package org.observatoire.core.interpret;

import java.util.List;
import org.observatoire.core.occurrence.Occurrence;

/** Rows for the steps' tests: a STOC-EPS observation at Paris (Notre-Dame) on 1 July 2025, counted once. */
final class StepRows {
  static final double PARIS_LAT = 48.853;
  static final double PARIS_LON = 2.3499;

  private StepRows() {}

  static Occurrence.Builder paris() {
    return Occurrence.builder()
        .occurrenceID("occ-1").eventID("stoc-eps:s-1").submissionId("s-1").protocol("stoc-eps").protocolVersion(1)
        .samplingProtocol("point count").basisOfRecord("HumanObservation").occurrenceStatus("present")
        .eventDate("2025-07-01").year(2025).month(7).day(1)
        .decimalLatitude(PARIS_LAT).decimalLongitude(PARIS_LON).coordinateUncertaintyInMeters(30.0)
        .geodeticDatum("EPSG:4326").countryCode("FR").recordedBy("obs-10231").individualCount(1)
        .flags(List.of()).submittedAt("2025-07-02T10:00:00+02:00").sourceFile("test.jsonl").sourceLine(1L);
  }
}
