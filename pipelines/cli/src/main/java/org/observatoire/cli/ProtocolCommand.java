package org.observatoire.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.observatoire.core.protocol.check.PackageCheck;
import org.observatoire.generator.GeneratorCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code observatoire protocol}: tools for protocol packages (the folders under {@code protocols/}). */
@Command(
    name = "protocol",
    mixinStandardHelpOptions = true,
    description = "Tools for protocol packages: a protocol is a folder (protocols/README.md).",
    subcommands = {ProtocolCommand.Check.class})
public final class ProtocolCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code observatoire protocol check DIR...}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {"Lint protocol packages: the manifest reads, schemas and CEL rules compile, explanations exist "
          + "in French and English, the checklist parses, and every example gets exactly its declared codes "
          + "(examples/valid.jsonl: none; examples/invalid.jsonl: its \"expect\"); import descriptions "
          + "(imports/*.json) read and compile.",
          "DIR is a package folder, or a folder of packages (e.g. protocols/)."},
      exitCodeOnInvalidInput = ProtocolCommand.Check.USAGE,
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:every package passes", " 1:a package has problems (listed on stderr, one per line)",
          "64:usage: DIR does not exist"})
  static final class Check implements Callable<Integer> {
    static final int USAGE = 64;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Package folders or folders of packages.")
    List<Path> folders;

    @Option(names = "--reference-time", paramLabel = "RFC3339",
        description = "The \"now\" the examples are judged against (dates in the future). Default: now.")
    String referenceTime;

    @Override
    public Integer call() {
      Instant now;
      try {
        now = referenceTime == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Instant.parse(referenceTime);
      } catch (java.time.DateTimeException e) {
        System.err.println("observatoire protocol check: --reference-time '" + referenceTime
            + "' is not an RFC 3339 instant such as 2026-11-23T00:00:00Z");
        return USAGE;
      }
      int failed = 0;
      int checked = 0;
      for (Path f : folders) {
        if (!Files.isDirectory(f)) {
          System.err.println("observatoire protocol check: " + f + " is not a folder");
          return USAGE;
        }
        for (Path pkg : packageFolders(f)) {
          PackageCheck.Report r = GeneratorCheck.checkPackage(pkg, now);
          checked++;
          if (r.passed()) {
            System.out.println("ok      " + r.summary());
          } else {
            failed++;
            System.out.println("FAILED  " + r.summary());
            r.problems().forEach(p -> System.err.println("  " + p));
          }
        }
      }
      if (checked == 0) {
        System.err.println("observatoire protocol check: no protocol.json under " + folders);
        return USAGE;
      }
      return failed == 0 ? 0 : 1;
    }

    private static List<Path> packageFolders(Path f) {
      if (Files.isRegularFile(f.resolve("protocol.json"))) {
        return List.of(f);
      }
      try (var s = Files.list(f)) {
        return s.filter(p -> Files.isRegularFile(p.resolve("protocol.json"))).sorted().toList();
      } catch (java.io.IOException e) {
        return List.of();
      }
    }
  }
}
