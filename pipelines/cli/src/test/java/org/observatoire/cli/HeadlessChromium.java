package org.observatoire.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code chromium} headless on a local page, with networking features off and console messages on
 * standard error. CI must install it ({@code apt-get install -y chromium}); without it the tests fail and say so.
 */
final class HeadlessChromium {
  /** What the browser gave back: the DOM after scripts ran, and the console lines it logged. */
  record Page(String dom, List<String> console, int exitCode) {
    /** Console lines that report an error (uncaught exceptions, console.error, failed loads). */
    List<String> errors() {
      return console.stream().filter(l -> l.contains("Uncaught") || l.contains("Error") || l.contains("net::ERR"))
          .toList();
    }
  }

  private HeadlessChromium() {}

  static Path binary() {
    String override = System.getenv("OBSERVATOIRE_CHROMIUM");
    List<String> candidates = override != null ? List.of(override) : List.of("chromium", "chromium-browser");
    for (String c : candidates) {
      if (c.contains("/") && Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(dir, c);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new AssertionError("Chromium is needed to check the quality report in a real browser, and none was found"
        + " (looked for " + candidates + " on PATH, or OBSERVATOIRE_CHROMIUM). Install it: apt-get update &&"
        + " apt-get install -y chromium");
  }

  /** Loads {@code page}, returns the DOM; also saves a screenshot when {@code screenshot} is not null. */
  static Page load(Path page, Path profile, Path screenshot) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1200,1600"));
    cmd.add(screenshot == null ? "--dump-dom" : "--screenshot=" + screenshot);
    cmd.add(page.toUri().toString());
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s: " + cmd);
    }
    List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(":CONSOLE") || l.contains("net::ERR")).toList();
    return new Page(Files.readString(out, StandardCharsets.UTF_8), console, p.exitValue());
  }
}
