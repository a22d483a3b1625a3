package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.jobs.NightlyJob;

/**
 * The view {@code visits_zerofilled} (events × checklists LEFT JOIN occurrences) gives exactly the rows of the
 * materialised zero-filled visits ({@code --materialiseVisits}, the {@code ZeroFill} code path): one nightly run over
 * every sample submission of every protocol, the two compared row for row on every column, as multisets.
 */
class ZeroFilledViewTest {
  @TempDir
  static Path tmp;

  static Path out;
  static NightlyJob.Result result;

  @BeforeAll
  static void run() throws Exception {
    Path samples = SampleRuns.sampleData().resolve("submissions");
    List<String> files;
    try (Stream<Path> walk = Files.walk(samples)) {
      files = walk.filter(f -> f.toString().endsWith(".jsonl"))
          .map(f -> "submissions/" + samples.relativize(f)).sorted().toList();
    }
    NightlyJob.Options o = SampleRuns.options(SampleRuns.input(tmp.resolve("in"), files));
    o.setOutput(tmp.resolve("out").toString());
    o.setRunId("zero-filled");
    o.setMaterialiseVisits(true);
    result = NightlyJob.run(o);
    result.manifest().requireConservation();
    out = result.output();
  }

  private static List<List<Object>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    return ((Number) query(c, sql).get(0).get(0)).longValue();
  }

  @Test
  void theViewGivesExactlyTheMaterialisedRowsOnEveryColumn() throws Exception {
    List<String> views = new ArrayList<>();
    try (Connection c = ReleaseViews.open(out, views)) {
      assertThat(views, hasItems("events", "checklists", "visits", ReleaseViews.ZERO_FILLED));
      List<List<Object>> materialisedColumns = query(c, "SELECT column_name, column_type FROM (DESCRIBE visits)");
      assertThat(query(c, "SELECT column_name, column_type FROM (DESCRIBE " + ReleaseViews.ZERO_FILLED + ")"),
          equalTo(materialisedColumns));
      long rows = count(c, "SELECT count(*) FROM visits");
      assertThat(rows, greaterThan(1000L));
      assertThat(count(c, "SELECT count(*) FROM " + ReleaseViews.ZERO_FILLED), is(rows));
      // multiset differences, both ways, on every column (geometry included)
      assertThat(query(c, "SELECT * FROM visits EXCEPT ALL SELECT * FROM " + ReleaseViews.ZERO_FILLED), empty());
      assertThat(query(c, "SELECT * FROM " + ReleaseViews.ZERO_FILLED + " EXCEPT ALL SELECT * FROM visits"), empty());
      // the comparison covers what matters: counts, absences, generalised visits, unknown places, several lists
      List<Object> shape = query(c, "SELECT count(*) FILTER (WHERE occurrenceStatus = 'present' AND individualCount > 0),"
          + " count(*) FILTER (WHERE occurrenceStatus = 'present' AND individualCount = 0),"
          + " count(*) FILTER (WHERE occurrenceStatus = 'absent'),"
          + " count(DISTINCT eventID) FILTER (WHERE locationGeneralised),"
          + " count(DISTINCT eventID) FILTER (WHERE decimalLatitude IS NULL),"
          + " count(DISTINCT protocol) FROM visits").get(0);
      assertThat(shape.toString(), ((Number) shape.get(0)).longValue(), greaterThan(0L));
      assertThat(shape.toString(), ((Number) shape.get(2)).longValue(), greaterThan(0L));
      assertThat(shape.toString(), ((Number) shape.get(3)).longValue(), greaterThan(0L));
      assertThat(shape.toString(), ((Number) shape.get(5)).longValue(), greaterThan(2L));
    }
  }

  @Test
  void eventsHoldEveryCuratedSubmissionOnceAndCompleteListsHoldTheirListSize() throws Exception {
    List<String> views = new ArrayList<>();
    try (Connection c = ReleaseViews.open(out, views)) {
      long curated = count(c, "SELECT count(DISTINCT protocol || ':' || submissionId) FROM occurrences");
      long events = count(c, "SELECT count(*) FROM events");
      assertThat(count(c, "SELECT count(DISTINCT eventID) FROM events"), is(events));
      // every submission with an occurrence has its event (events also hold visits where nothing was seen)
      assertThat(count(c, "SELECT count(*) FROM (SELECT DISTINCT protocol, submissionId FROM occurrences)"
          + " o ANTI JOIN events e USING (protocol, submissionId)"), is(0L));
      assertThat(events, greaterThan(curated - 1));
      assertThat(count(c, "SELECT sum(occurrenceCount) FROM events"), is(count(c, "SELECT count(*) FROM occurrences")));
      assertThat(count(c, "SELECT count(*) FROM events WHERE completeList"),
          is(count(c, "SELECT count(DISTINCT eventID) FROM visits")));
      assertThat(count(c, "SELECT count(*) FROM events e WHERE completeList AND taxaListed <> (SELECT count(*)"
          + " FROM checklists l WHERE l.protocol = e.protocol AND l.checklistVersion = e.checklistVersion)"), is(0L));
      assertThat(count(c, "SELECT count(*) FROM events WHERE NOT completeList AND (checklistId IS NOT NULL"
          + " OR taxaListed IS NOT NULL)"), is(0L));
      assertThat(result.manifest().toJson().contains("\"events\""), is(true));
    }
  }

  @Test
  void docsEventsShowsTheViewsSqlAsRun() throws Exception {
    Path docs = SampleRuns.sampleData().getParent().resolve("docs/events.md");
    assertThat(Files.readString(docs).contains("```sql\n" + ReleaseViews.ZERO_FILLED_SQL + "\n```"), is(true));
  }

  @Test
  void theSubqueryFormMatchesTheView() throws Exception {
    try (Connection c = Duck.open()) {
      assertThat(count(c, "SELECT count(*) FROM " + ReleaseViews.zeroFilledQuery(out)),
          is(count(c, "SELECT count(*) FROM " + Duck.readParquet(out.resolve("visits"), true))));
    }
  }
}
