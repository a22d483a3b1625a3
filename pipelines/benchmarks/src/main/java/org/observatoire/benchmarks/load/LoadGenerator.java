package org.observatoire.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load generator: POSTs request {@code i} at {@code t0 + i / rate} (whether or not earlier
 * answers came back) over a pool of persistent HTTP/1.1 connections, one blocking worker thread each.
 *
 * <p>Why not {@code java.net.http.HttpClient}: the benchmark's load generator shares the two cores with the broker,
 * the intake and the job, and the JDK client's asynchronous machinery cost ~1.7 ms of CPU per POST (half a core at
 * 300/s), more than the intake itself. A plain socket per worker costs a small fraction of that.
 */
public final class LoadGenerator {
  /** What happened to each request; times are {@link System#nanoTime()}. */
  public record Result(long t0, long[] due, long[] answered, int accepted, int failed, String firstFailure,
      long maxLagNanos, long sendEnd) {
    /** Requests sent. */
    public int posted() {
      return due.length;
    }
  }

  private final InetSocketAddress address;
  private final String path;
  private final int connections;
  private final Duration timeout;
  private final String apiKey;

  private LoadGenerator(InetSocketAddress address, String path, int connections, Duration timeout, String apiKey) {
    this.address = address;
    this.path = path;
    this.connections = connections;
    this.timeout = timeout;
    this.apiKey = apiKey;
  }

  public static LoadGenerator of(InetSocketAddress address, String path, int connections, Duration timeout) {
    return of(address, path, connections, timeout, null);
  }

  /** As {@link #of(InetSocketAddress, String, int, Duration)}, each POST carrying {@code apiKey} (X-Api-Key). */
  public static LoadGenerator of(InetSocketAddress address, String path, int connections, Duration timeout,
      String apiKey) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, was " + connections);
    }
    if (apiKey != null && apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("an API key is printable ASCII without spaces");
    }
    return new LoadGenerator(address, path, connections, timeout, apiKey);
  }

  /**
   * Posts {@code n} bodies at {@code rate} per second; {@code body.apply(i)} is called when request {@code i} is
   * sent (so a body can carry its send time). Returns when every request is answered or has failed.
   */
  public Result post(int n, double rate, IntFunction<byte[]> body) throws InterruptedException {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive, was " + rate);
    }
    long[] due = new long[n];
    long[] answered = new long[n];
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    AtomicLong maxLag = new AtomicLong();
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      Thread t = new Thread(() -> {
        Connection c = new Connection();
        try {
          for (int i = queue.take(); i >= 0; i = queue.take()) {
            maxLag.accumulateAndGet(System.nanoTime() - due[i], Math::max);
            try {
              int status = c.post(body.apply(i));
              answered[i] = System.nanoTime();
              if (status == 202) {
                accepted.incrementAndGet();
              } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, "HTTP " + status);
              }
            } catch (IOException | RuntimeException e) {
              answered[i] = System.nanoTime();
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, e.toString());
              c.close();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          c.close();
        }
      }, "load-" + w);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      due[i] = t0 + (long) (i * 1e9 / rate);
      long wait = due[i] - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      queue.add(i);
    }
    long sendEnd = System.nanoTime();
    for (int w = 0; w < connections; w++) {
      queue.add(-1);
    }
    for (Thread t : workers) {
      t.join();
    }
    return new Result(t0, due, answered, accepted.get(), failed.get(), firstFailure.get(), maxLag.get(), sendEnd);
  }

  /** One keep-alive connection; reopened after an error or a {@code Connection: close}. */
  private final class Connection {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    int post(byte[] body) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 16384);
      }
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
          + "\r\nContent-Type: application/json\r\n" + (apiKey == null ? "" : "X-Api-Key: " + apiKey + "\r\n")
          + "Content-Length: " + body.length + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = line();
      if (status == null || !status.startsWith("HTTP/1.")) {
        throw new IOException("no HTTP answer: " + status);
      }
      long length = -1;
      boolean close = false;
      for (String h = line(); h != null && !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      if (length < 0) {
        throw new IOException("answer without Content-Length: " + status);
      }
      in.skipNBytes(length);
      if (close) {
        close();
      }
      return Integer.parseInt(status.split(" ")[1]);
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          return b.isEmpty() ? null : b.toString();
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
        socket = null;
      }
    }
  }
}
