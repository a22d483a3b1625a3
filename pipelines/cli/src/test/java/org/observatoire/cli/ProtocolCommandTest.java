package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code observatoire protocol check} on the repository's packages and on a broken one. */
class ProtocolCommandTest {
  private static final Path PROTOCOLS = Path.of("../../protocols").toAbsolutePath().normalize();

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void everyBundledPackagePasses() {
    CommandRun r = run("protocol", "check", PROTOCOLS.toString(), "--reference-time", "2026-11-23T00:00:00Z");
    assertThat(r.err(), r.exit(), is(0));
    assertThat(r.out(), containsString("ok      propage "));
    assertThat(r.out(), containsString("ok      stoc-eps "));
    assertThat("the generator.json step (pipelines/generator) runs too", r.out(),
        containsString("200 generated submissions"));
  }

  @Test
  void aPackageWhoseExampleGetsOtherCodesFailsWithTheLine(@TempDir Path tmp) throws Exception {
    Path pkg = tmp.resolve("propage");
    Files.createDirectories(pkg.resolve("examples"));
    Files.createDirectories(pkg.resolve("schema"));
    for (String f : new String[] {"protocol.json", "rules.json", "checklist.csv", "schema/v1.schema.json",
        "examples/valid.jsonl"}) {
      Files.copy(PROTOCOLS.resolve("propage").resolve(f), pkg.resolve(f));
    }
    String invalid = Files.readString(PROTOCOLS.resolve("propage/examples/invalid.jsonl"), StandardCharsets.UTF_8);
    Files.writeString(pkg.resolve("examples/invalid.jsonl"),
        invalid.replaceFirst("\"expect\":\\[\"PROPAGE_MONTH\"\\]", "\"expect\":[\"PROPAGE_DURATION\"]"));
    CommandRun r = run("protocol", "check", pkg.toString(), "--reference-time", "2026-11-23T00:00:00Z");
    assertThat(r.exit(), is(1));
    assertThat(r.out(), containsString("FAILED  propage"));
    assertThat(r.err(), containsString("examples/invalid.jsonl line 1 (propage.inv.may): expected [PROPAGE_DURATION],"
        + " got [PROPAGE_MONTH]"));
  }

  @Test
  void aMissingFolderIsOneLineNamingIt() {
    CommandRun r = run("protocol", "check", "/nonexistent/protocols");
    assertThat(r.exit(), is(64));
    assertThat(r.err().strip(), is("observatoire protocol check: /nonexistent/protocols is not a folder"));
  }
}
