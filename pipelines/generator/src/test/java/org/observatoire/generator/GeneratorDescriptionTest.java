package org.observatoire.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.protocol.PackageFolders;
import org.observatoire.core.protocol.check.PackageCheck;

/** {@code protocol check} generates lines from a package's generator.json and says what in it is wrong. */
class GeneratorDescriptionTest {
  private static final Path PROPAGE = Path.of("../../protocols/propage");
  private static final Instant REFERENCE = Instant.parse("2026-11-20T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void theBundledDescriptionPassesTheCheck() {
    PackageCheck.Report r = GeneratorCheck.checkPackage(PROPAGE, REFERENCE);
    assertThat(r.problems(), is(empty()));
    assertThat(r.summary(), containsString("200 generated submissions"));
  }

  /** The whole check, as {@code protocol check} runs it: the core's and the generator's. */
  @Test
  void everyBundledPackagePassesTheWholeCheck() throws IOException {
    try (Stream<Path> s = Files.list(PROPAGE.getParent())) {
      for (Path folder : s.filter(p -> Files.isRegularFile(p.resolve("protocol.json"))).sorted().toList()) {
        PackageCheck.Report r = GeneratorCheck.checkPackage(folder, REFERENCE);
        assertThat(r.summary() + "\n" + String.join("\n", r.problems()), r.problems(), empty());
      }
    }
  }

  @Test
  void aDefectThatBreaksNothingIsReported() throws IOException {
    PackageCheck.Report r = checkWith(
        "\"/visit/durationMinutes\": {\"pick\": [5, 8, 12, 15, 20]}", "\"/visit/durationMinutes\": 10");
    assertThat(r.problems(), hasSize(1));
    assertThat(r.problems().get(0), allOf(containsString("generator.json"),
        containsString("expected PROPAGE_DURATION")));
  }

  @Test
  void anUnknownValueDescriptionIsOneLineNamingTheFileAndField() throws IOException {
    PackageCheck.Report r = checkWith(
        "\"/visit/weather/wind\": {\"int\": [0, 3]}", "\"/visit/weather/wind\": {\"gauss\": [0, 3]}");
    assertThat(r.problems(), hasSize(1));
    assertThat(r.problems().get(0), allOf(containsString("propage/generator.json"),
        containsString("/visit/weather/wind"), containsString("unknown value description")));
  }

  /** The check of a copy of the Propage package whose generator.json has {@code from} replaced by {@code to}. */
  private PackageCheck.Report checkWith(String from, String to) throws IOException {
    Path p = dir.resolve("propage");
    PackageFolders.copy(PROPAGE, p);
    String json = Files.readString(p.resolve("generator.json"));
    assertThat("the bundled generator.json holds " + from, json.contains(from), is(true));
    Files.writeString(p.resolve("generator.json"), json.replace(from, to));
    return GeneratorCheck.checkPackage(p, REFERENCE);
  }
}
