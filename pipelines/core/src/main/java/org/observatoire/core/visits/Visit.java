package org.observatoire.core.visits;

import java.util.Objects;

/**
 * One visit of a complete-count protocol (a submission: every individual of the protocol's list seen during the
 * visit was counted, so a taxon not reported was not seen), with its effort. The site coordinates are as submitted:
 * {@link ZeroFill} decides the public location. Site id and coordinates are null when the submission gives none
 * (some exports): a visit with an unknown place still counts for national trends.
 *
 * @param eventID {@code <protocol>:<submissionId>}, the occurrences' eventID (STOC: their parentEventID)
 * @param durationMinutes time spent counting (STOC: the sum over its points)
 * @param pointCount STOC: number of point counts made; null for the other protocols
 * @param transectLengthMeters Propage: length of the transect walked; null for the other protocols
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
    Double siteLongitude) {
  public Visit {
    Objects.requireNonNull(eventID, "eventID");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(eventDate, "eventDate");
  }
}
