package org.observatoire.core.visits;

import java.util.Objects;

/**
 * One visit (a sampling event: one submission), with its effort. For a complete-list protocol every individual of
 * the protocol's list seen during the visit was counted, so a taxon not reported was not seen ({@code completeList}).
 * The site coordinates are as submitted: {@link VisitPlace} decides the public location. Site id and coordinates
 * are null when the submission gives none (some exports): a visit with an unknown place still counts for national
 * trends.
 *
 * @param eventID {@code <protocol>:<submissionId>}, the occurrences' eventID (STOC: their parentEventID)
 * @param durationMinutes time spent counting (STOC: the sum over its points); null when the package computes none
 * @param pointCount STOC: number of point counts made; null for the other protocols
 * @param transectLengthMeters Propage: length of the transect walked; null for the other protocols
 * @param completeList whether the protocol's visits are complete lists (zero-filled against its checklist)
 * @param samplingProtocol the package's dwc:samplingProtocol text
 * @param sampleSizeMinutes the package's sampling duration (dwc:sampleSizeValue, minutes), else null
 * @param samplingEffort the package's dwc:samplingEffort text for this visit, else null
 */
public record Visit(
    String eventID,
    String protocol,
    String submissionId,
    String locationID,
    String eventDate,
    int year,
    int month,
    String startTime,
    Double durationMinutes,
    Integer pointCount,
    Integer transectLengthMeters,
    Double siteLatitude,
    Double siteLongitude,
    boolean completeList,
    String samplingProtocol,
    Double sampleSizeMinutes,
    String samplingEffort) {
  public Visit {
    Objects.requireNonNull(eventID, "eventID");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(eventDate, "eventDate");
  }
}
