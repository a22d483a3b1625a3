package org.observatoire.core.protocol;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.protocol.check.PackageCheck;

/** The protocol packages of the repository: they load, pass their own check, and no engine class names them. */
class ProtocolPackagesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

  private static Path root() {
    return Path.of(System.getProperty("observatoire.root", "../..")).toAbsolutePath().normalize();
  }

  @Test
  void theBundledPackagesAreTheRepositorysFolders() throws IOException {
    List<String> folders = new ArrayList<>();
    try (Stream<Path> s = Files.list(root().resolve("protocols"))) {
      s.filter(p -> Files.isRegularFile(p.resolve("protocol.json")))
          .forEach(p -> folders.add(p.getFileName().toString()));
    }
    folders.sort(null);
    assertThat(ProtocolPackages.bundled().ids(), equalTo(folders));
    assertThat(folders.size() >= 6, is(true));
  }

  @Test
  void everyPackagePassesItsCheck() throws IOException {
    try (Stream<Path> s = Files.list(root().resolve("protocols"))) {
      for (Path folder : s.filter(p -> Files.isRegularFile(p.resolve("protocol.json"))).sorted().toList()) {
        PackageCheck.Report r = PackageCheck.check(folder, NOW);
        assertThat(r.summary() + "\n" + String.join("\n", r.problems()), r.problems(), empty());
      }
    }
  }

  /** The engine knows no protocol: an id in a main class is a protocol hard-wired into the engine. */
  @Test
  void noEngineClassNamesAProtocol() throws IOException {
    List<String> ids = ProtocolPackages.bundled().ids();
    Pattern named = Pattern.compile("\"(" + String.join("|", ids.stream().map(Pattern::quote).toList()) + ")\"");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root().resolve("pipelines"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList()) {
        String path = root().relativize(f).toString();
        if (named.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
          offenders.add(path);
        }
      }
    }
    assertThat(offenders, empty());
  }

  @Test
  void aBrokenPackageIsReportedLineByLineNamingTheFile(@TempDir Path tmp) throws IOException {
    Path pkg = tmp.resolve("demo");
    PackageFolders.copy(root().resolve("protocols/propage"), pkg);
    Files.writeString(pkg.resolve("protocol.json"),
        Files.readString(pkg.resolve("protocol.json")).replace("\"id\": \"propage\"", "\"id\": \"demo\""));
    Files.writeString(pkg.resolve("examples/valid.jsonl"),
        Files.readString(pkg.resolve("examples/valid.jsonl")).replace("\"protocol\":\"propage\"", "\"protocol\":\"demo\""));
    Files.writeString(pkg.resolve("examples/invalid.jsonl"),
        Files.readString(pkg.resolve("examples/invalid.jsonl")).replace("\"protocol\":\"propage\"", "\"protocol\":\"demo\""));
    // the schema's const still says propage: every example now fails its schema
    PackageCheck.Report r = PackageCheck.check(pkg, NOW);
    assertThat(r.passed(), is(false));
    assertThat(r.problems().get(0), containsString("examples/valid.jsonl line 1"));
    assertThat(r.problems().get(0), containsString("SCHEMA_CONST"));

    Files.writeString(pkg.resolve("rules.json"), "{\"rules\":[{\"code\":\"DEMO_RULE\",\"severity\":\"flag\","
        + "\"rule\":\"s.visit.durationMinutes ==\",\"message\":\"m\",\"explanation\":{\"fr\":\"f\",\"en\":\"e\"}}]}");
    PackageCheck.Report broken = PackageCheck.check(pkg, NOW);
    assertThat(broken.problems().get(0), containsString("rules.json rule DEMO_RULE"));
    assertThat(broken.problems().get(0), containsString("does not compile"));

    Files.writeString(pkg.resolve("rules.json"), "{\"rules\":[{\"code\":\"DEMO_RULE\",\"severity\":\"warn\","
        + "\"rule\":\"true\",\"message\":\"m\",\"explanation\":{\"fr\":\"f\",\"en\":\"e\"}}]}");
    PackageException e = assertThrows(PackageException.class, () -> ProtocolPackages.in(pkg));
    assertThat(e.getMessage(), containsString("severity must be \"reject\" or \"flag\""));
  }

  @Test
  void severitiesFollowTheRuleRejectOnlyWhatCannotBeUsed() {
    ProtocolPackage propage = ProtocolPackages.bundled().require("propage");
    List<String> flags = propage.rules().stream().filter(r -> r.severity() == Severity.FLAG)
        .map(PackageRule::code).toList();
    assertThat(flags, hasItem("PROPAGE_DURATION"));
    assertThat(flags, hasItem("PROPAGE_MONTH"));
    assertThat(flags, hasItem("PROPAGE_TRANSECT_LENGTH"));
    assertThat(propage.rules().stream().filter(r -> r.code().equals("END_BEFORE_START")).findFirst().orElseThrow()
        .severity(), is(Severity.REJECT));
  }
}
