package org.observatoire.core.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.observatoire.core.interpret.RestrictedLocation;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.validation.Violation;

/** What became of one input line: accepted with its occurrence rows, or rejected with every reason. */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Rejected {

  SourceRef source();

  /**
   * A submission that passed its protocol's schema and rules: its public occurrence rows, and the full-precision
   * locations of those generalised for sensitive species (for the restricted output only), and, for the
   * complete-count protocols, the visit (null otherwise); and how many of its records name no taxon (noise...),
   * which are counted but never become occurrences. {@code siteKeys} name the submission's sites (restricted: see
   * {@link org.observatoire.core.privacy.SiteKeys}); {@code generalisationMeters} is the cell the whole event was
   * generalised to (0: not generalised).
   */
  record Accepted(
      SourceRef source,
      String submissionId,
      String protocol,
      int protocolVersion,
      Instant submittedAt,
      String contentHash,
      List<Occurrence> occurrences,
      List<RestrictedLocation> restricted,
      org.observatoire.core.visits.Visit visit,
      int nonTaxonRecords,
      List<String> siteKeys,
      int generalisationMeters)
      implements Outcome {
    /**
     * An accepted submission with no site keys, not generalised as a whole.
     */
    public Accepted(SourceRef source, String submissionId, String protocol, int protocolVersion, Instant submittedAt,
        String contentHash, List<Occurrence> occurrences, List<RestrictedLocation> restricted,
        org.observatoire.core.visits.Visit visit, int nonTaxonRecords) {
      this(source, submissionId, protocol, protocolVersion, submittedAt, contentHash, occurrences, restricted, visit,
          nonTaxonRecords, List.of(), 0);
    }

    /** An accepted submission all of whose records are taxa. */
    public Accepted(SourceRef source, String submissionId, String protocol, int protocolVersion, Instant submittedAt,
        String contentHash, List<Occurrence> occurrences, List<RestrictedLocation> restricted,
        org.observatoire.core.visits.Visit visit) {
      this(source, submissionId, protocol, protocolVersion, submittedAt, contentHash, occurrences, restricted, visit,
          0);
    }

    /** An accepted submission without a complete-count visit. */
    public Accepted(SourceRef source, String submissionId, String protocol, int protocolVersion, Instant submittedAt,
        String contentHash, List<Occurrence> occurrences, List<RestrictedLocation> restricted) {
      this(source, submissionId, protocol, protocolVersion, submittedAt, contentHash, occurrences, restricted, null,
          0);
    }

    public Accepted {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(submissionId, "submissionId");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(submittedAt, "submittedAt");
      Objects.requireNonNull(contentHash, "contentHash");
      occurrences = List.copyOf(occurrences);
      restricted = List.copyOf(restricted);
      siteKeys = List.copyOf(siteKeys);
      if (generalisationMeters < 0) {
        throw new IllegalArgumentException("generalisationMeters must be >= 0, got " + generalisationMeters);
      }
    }
  }

  /**
   * A line that is not a usable submission. {@code submissionId}, {@code protocol} and {@code protocolVersion} are
   * null when the line did not get far enough to tell. {@code raw} holds the bytes kept by the reader (restricted:
   * they may hold personal data); {@code publicText} the submission without personal data when it was a JSON
   * object and the processor can pseudonymise, else null.
   */
  record Rejected(
      SourceRef source,
      String submissionId,
      String protocol,
      Integer protocolVersion,
      List<Violation> violations,
      byte[] raw,
      long byteLength,
      String publicText)
      implements Outcome {
    public Rejected {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(raw, "raw");
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejected submission needs at least one violation (" + source + ")");
      }
    }

    /** The distinct violation codes, in order of first appearance. */
    public List<String> codes() {
      return violations.stream().map(Violation::code).distinct().toList();
    }
  }
}
