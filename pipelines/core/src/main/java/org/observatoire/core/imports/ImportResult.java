package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import produced: the submissions (JSON objects, keys in the order they are written), the rows that could
 * not be converted, and what the summary should say (files and rows read, format-specific figures, notes on what
 * the export lacks).
 */
public final class ImportResult {
  private final List<ObjectNode> submissions = new ArrayList<>();
  private final List<RowProblem> problems = new ArrayList<>();
  private final List<String> filesRead = new ArrayList<>();
  private final Map<String, Long> figures = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private long rowsRead;

  void addSubmission(ObjectNode submission) {
    submissions.add(submission);
  }

  void skip(String file, long line, String reason) {
    problems.add(new RowProblem(file, line, reason));
  }

  void fileRead(String name, long rows) {
    filesRead.add(name);
    rowsRead += rows;
  }

  /** Adds {@code n} to a named figure of the summary (created at 0 in the order first seen). */
  void count(String figure, long n) {
    figures.merge(figure, n, Long::sum);
  }

  void note(String note) {
    notes.add(note);
  }

  public List<ObjectNode> submissions() {
    return Collections.unmodifiableList(submissions);
  }

  /** The rows skipped, in the order met; non-empty means the import was incomplete (the command exits 2). */
  public List<RowProblem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** The names of the files read, in the order read. */
  public List<String> filesRead() {
    return Collections.unmodifiableList(filesRead);
  }

  /** Data rows read (headers not counted), over all files. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Format-specific figures for the summary, e.g. visits where nothing was seen, in a stable order. */
  public Map<String, Long> figures() {
    return Collections.unmodifiableMap(figures);
  }

  /** What the export lacks and how it is represented, for the summary. */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }
}
