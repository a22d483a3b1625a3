package org.observatoire.cli.intake;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One JSON line per request, without personal data: time, method, route (a path template such as
 * {@code /submissions/{id}}, never the id), status, bytes in and out, milliseconds, the key's id (never the key)
 * and the client's address as an opaque 12-hex-digit tag (HMAC-SHA-256 under a key drawn at start, so one intake's
 * lines can be grouped by client but no address can be read back or matched across restarts). No body, no query
 * string, no header. Lines are handed to a writer thread (a request never waits on the log); when 64k lines are
 * waiting, further ones are counted as dropped.
 */
public final class AccessLog implements AutoCloseable {
  private final PrintStream out;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1 << 16);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  /** One MAC per thread, keyed once: the provider look-up and key set-up cost more than the MAC of an address. */
  private final ThreadLocal<Mac> addressMac;
  private volatile boolean running = true;

  private AccessLog(PrintStream out) {
    this.out = out;
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    SecretKeySpec key = new SecretKeySpec(k, "HmacSHA256");
    this.addressMac = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
      }
    });
    this.writer = new Thread(this::write, "access-log");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Lines to {@code out}; {@code null}: no access log. */
  public static AccessLog to(PrintStream out) {
    return new AccessLog(out);
  }

  /** The opaque tag of a client address. */
  public String addressTag(String address) {
    return HexFormat.of().formatHex(addressMac.get().doFinal(address.getBytes(StandardCharsets.UTF_8)), 0, 6);
  }

  /** Logs one request. */
  public void request(String method, String route, int status, long bytesIn, long bytesOut, long nanos,
      String keyId, String addressTag) {
    StringBuilder b = new StringBuilder(200);
    b.append("{\"time\":\"").append(Instant.now()).append("\",\"method\":\"");
    JsonStringEncoder.getInstance().quoteAsString(method, b);
    b.append("\",\"route\":\"");
    JsonStringEncoder.getInstance().quoteAsString(route, b);
    b.append("\",\"status\":").append(status).append(",\"bytesIn\":").append(bytesIn).append(",\"bytesOut\":")
        .append(bytesOut).append(",\"ms\":").append(Math.round(nanos / 1e5) / 10.0).append(",\"key\":");
    if (keyId == null) {
      b.append("null");
    } else {
      b.append('"').append(keyId).append('"');
    }
    b.append(",\"client\":\"").append(addressTag).append("\"}");
    if (!lines.offer(b.toString())) {
      dropped.incrementAndGet();
    }
  }

  public long dropped() {
    return dropped.get();
  }

  private void write() {
    List<String> batch = new ArrayList<>();
    while (running || !lines.isEmpty()) {
      try {
        String first = lines.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        lines.drainTo(batch, 4096);
        for (String l : batch) {
          out.println(l);
        }
        out.flush();
        batch.clear();
      } catch (InterruptedException e) {
        running = false;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
