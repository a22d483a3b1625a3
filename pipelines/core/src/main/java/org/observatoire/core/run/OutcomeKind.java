package org.observatoire.core.run;

/** The counters a run keeps per input file and protocol. The first four partition the lines read. */
public enum OutcomeKind {
  CURATED("curatedSubmissions"),
  REJECTED("rejected"),
  DUPLICATE("duplicates"),
  DEAD_LETTERED("deadLettered"),
  LINES_READ("linesRead"),
  BYTES_READ("bytesRead"),
  OCCURRENCES("occurrenceRows"),
  /** Records of curated submissions that name no taxon (a Tadarida {@code noise}): counted, never published. */
  NON_TAXON_RECORDS("nonTaxonRecords"),
  /**
   * Occurrence rows (among {@link #OCCURRENCES}) published without a location (flag LOCATION_UNKNOWN): they are in no
   * cube cell, so the cubes' occurrences add up to the rows with a taxon minus these.
   */
  OCCURRENCES_WITHOUT_LOCATION("occurrenceRowsWithoutLocation"),
  /** Occurrence rows (among {@link #OCCURRENCES}) published without an observer (flag OBSERVER_UNKNOWN). */
  OCCURRENCES_WITHOUT_OBSERVER("occurrenceRowsWithoutObserver"),
  /**
   * A read fault that ended an input file early (truncated or corrupt {@code .gz}, I/O error): the key's protocol slot
   * holds the fault's kind ({@link CountKey#inputFault}); the lines before it are read and counted as usual.
   */
  INPUT_FAULT("inputFaults"),
  /**
   * Curated submissions a later stage failed on (the cubes' cell assignment): dead-lettered with that stage, still
   * curated and published, so the dead-letter files hold {@code deadLettered + stageFailures} rows.
   */
  STAGE_FAILURES("stageFailures");

  private final String jsonName;

  OutcomeKind(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The counter's name in the run manifest. */
  public String jsonName() {
    return jsonName;
  }

  /** Whether this kind is one of the outcomes every line ends in exactly once. */
  public boolean isLineOutcome() {
    return ordinal() <= DEAD_LETTERED.ordinal();
  }
}
