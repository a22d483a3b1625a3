package org.observatoire.cli.intake;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How an intake is run: where it listens, its topics, its state folder (keys, owners), its limits, the origins
 * allowed to call it from a browser, its certificate, whether it serves the volunteers' pages, where its access log
 * goes. {@link #defaults(Path)} gives the values documented in docs/intake.md; the {@code with...} methods change one
 * group at a time.
 */
public record IntakeSettings(String host, int port, String submissionsTopic, String verdictsTopic,
    VerdictStore verdicts, Path stateDir, Limits limits, List<String> corsOrigins, Path tlsKeystore,
    String tlsPassword, boolean pages, PrintStream accessLog) {
  /** A submission's body is at most this many bytes unless told otherwise. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /**
   * Rate limits (token buckets: a rate per second and a burst): per key for POSTs, per client address for every
   * API call, per page key for the volunteers' pages' POSTs; and the largest body taken.
   */
  public record Limits(double keyRate, double keyBurst, double ipRate, double ipBurst, double pageRate,
      int maxBodyBytes) {
    public Limits {
      if (!(keyRate > 0) || !(ipRate > 0) || !(pageRate > 0) || keyBurst < 1 || ipBurst < 1) {
        throw new IllegalArgumentException("--key-rate, --ip-rate and --page-rate must be positive and the bursts"
            + " at least 1");
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("--max-body-bytes must be at least 1024, not " + maxBodyBytes);
      }
    }

    public static Limits defaults() {
      return new Limits(100, 200, 20, 40, 5, DEFAULT_MAX_BODY_BYTES);
    }
  }

  public IntakeSettings {
    corsOrigins = List.copyOf(corsOrigins);
    if (corsOrigins.contains("*")) {
      throw new IllegalArgumentException("--cors-origin: name each origin allowed (https://app.example.org);"
          + " '*' would let any web page post with a visitor's browser");
    }
    if (tlsKeystore != null && tlsPassword == null) {
      throw new IllegalArgumentException("--tls-keystore needs --tls-password (or OBSERVATOIRE_TLS_PASSWORD)");
    }
  }

  /** Loopback, port 8080, topics {@code submissions} and {@code verdicts}, pages on, no CORS origin, no TLS. */
  public static IntakeSettings defaults(Path stateDir) {
    return new IntakeSettings("127.0.0.1", 8080, "submissions", "verdicts", VerdictStore.withDefaults(), stateDir,
        Limits.defaults(), List.of(), null, null, true, null);
  }

  public IntakeSettings withListen(String h, int p) {
    return new IntakeSettings(h, p, submissionsTopic, verdictsTopic, verdicts, stateDir, limits, corsOrigins,
        tlsKeystore, tlsPassword, pages, accessLog);
  }

  public IntakeSettings withTopics(String submissions, String verdictTopic, VerdictStore store) {
    return new IntakeSettings(host, port, submissions, verdictTopic, store, stateDir, limits, corsOrigins,
        tlsKeystore, tlsPassword, pages, accessLog);
  }

  public IntakeSettings withLimits(Limits l) {
    return new IntakeSettings(host, port, submissionsTopic, verdictsTopic, verdicts, stateDir, l, corsOrigins,
        tlsKeystore, tlsPassword, pages, accessLog);
  }

  public IntakeSettings withCors(List<String> origins) {
    return new IntakeSettings(host, port, submissionsTopic, verdictsTopic, verdicts, stateDir, limits, origins,
        tlsKeystore, tlsPassword, pages, accessLog);
  }

  public IntakeSettings withTls(Path keystore, String password) {
    return new IntakeSettings(host, port, submissionsTopic, verdictsTopic, verdicts, stateDir, limits, corsOrigins,
        keystore, password, pages, accessLog);
  }

  public IntakeSettings withPages(boolean on) {
    return new IntakeSettings(host, port, submissionsTopic, verdictsTopic, verdicts, stateDir, limits, corsOrigins,
        tlsKeystore, tlsPassword, on, accessLog);
  }

  public IntakeSettings withAccessLog(PrintStream out) {
    return new IntakeSettings(host, port, submissionsTopic, verdictsTopic, verdicts, stateDir, limits, corsOrigins,
        tlsKeystore, tlsPassword, pages, out);
  }

  /** The keys file in the state folder. */
  public Path keysFile() {
    return stateDir.resolve("keys.json");
  }
}
