package org.observatoire.core.ingest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The duplicate rule: among accepted submissions sharing a {@code submissionId}, identical content keeps the first
 * (file order, then line); different content keeps the latest {@code submittedAt} (a correction), ties broken by
 * source order. Deterministic whatever order the candidates arrive in.
 */
public final class Duplicates {
  private Duplicates() {}

  /** What the rule needs to know of one accepted submission. */
  public record Candidate(SourceRef source, Instant submittedAt, String contentHash) {
    public Candidate {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(submittedAt, "submittedAt");
      Objects.requireNonNull(contentHash, "contentHash");
    }
  }

  private static final Comparator<Candidate> KEEP_FIRST =
      Comparator.comparing(Candidate::submittedAt).reversed().thenComparing(Candidate::source);

  /** Index of the candidate to keep. */
  public static int winner(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidates to choose from");
    }
    int best = 0;
    for (int i = 1; i < candidates.size(); i++) {
      if (KEEP_FIRST.compare(candidates.get(i), candidates.get(best)) < 0) {
        best = i;
      }
    }
    return best;
  }

  /** Why a candidate lost to the winner: {@code identical} content, or {@code superseded} by a later version. */
  public static String reason(Candidate loser, Candidate winner) {
    return loser.contentHash().equals(winner.contentHash()) ? "identical" : "superseded";
  }
}
