package org.observatoire.cli;

import org.observatoire.beam.io.Folders;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality report of a published release, loaded in real headless Chromium. */
class ReportChromiumTest {
  @TempDir
  Path tmp;

  @Test
  void theReleaseReportRendersItsMapWithoutErrors() throws Exception {
    Path report = PublishedSample.release().resolve("report.html");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat("self-contained", html, not(containsString("http://")));
    assertThat("self-contained", html, not(containsString("https://")));

    HeadlessChromium.Page page = HeadlessChromium.load(report, tmp.resolve("profile"), null);
    assertThat(page.exitCode(), is(0));
    assertThat(page.errors(), is(empty()));
    assertThat(page.dom(), containsString("<svg id=\"density-map\""));
    assertThat("the page's script ran to the end", page.dom(), containsString("data-report-ready=\"yes\""));
    Matcher cells = Pattern.compile("data-map-cells=\"(\\d+)\"").matcher(page.dom());
    assertThat(cells.find(), is(true));
    assertThat(Integer.parseInt(cells.group(1)), greaterThan(0));
    assertThat(Integer.parseInt(cells.group(1)), is(count(html, "<rect ")));
    assertThat(page.dom(), containsString("Rejection reasons"));

    Path png = tmp.resolve("report.png");
    HeadlessChromium.Page shot = HeadlessChromium.load(report, tmp.resolve("profile2"), png);
    assertThat(shot.errors(), is(empty()));
    assertThat("a screenshot was taken", Files.size(png), greaterThan(20_000L));
  }

  @Test
  void theReportCommandRewritesTheReportOfARunFolder() throws Exception {
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    Path release = PublishedSample.release();
    Folders.copyTree(release, run);
    Files.delete(run.resolve("report.html"));
    assertThat(Observatoire.commandLine().execute("report", "--output-dir", run.toString()), is(0));
    HeadlessChromium.Page page = HeadlessChromium.load(run.resolve("report.html"), tmp.resolve("profile"), null);
    assertThat(page.errors(), is(empty()));
    assertThat(page.dom(), containsString("data-report-ready=\"yes\""));
  }

  @Test
  void theHarnessSeesScriptErrors() throws Exception {
    Path bad = tmp.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><body><svg id=\"density-map\"></svg>"
        + "<script>throw new Error('map failed');</script></body></html>");
    HeadlessChromium.Page page = HeadlessChromium.load(bad, tmp.resolve("profile"), null);
    assertThat(page.errors(), hasItem(containsString("map failed")));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
