package org.observatoire.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The bench's request bodies, made in order by a background thread and kept at most {@code ahead} at a time, so that
 * a load of hours does not hold all its bodies in memory (at 300/s, two hours of 4 KB submissions are 9 GB). Each
 * body is split around a placeholder, which {@link #take} callers fill (the time it is sent). Body {@code i} is the
 * supplier's {@code i}-th; each is taken once, in any order, from any thread.
 */
public final class PreparedBodies implements AutoCloseable {
  private final int total;
  private final String placeholder;
  private final Map<Integer, byte[][]> ready = new HashMap<>();
  private final Semaphore room;
  private final Thread maker;
  private int made;
  private Throwable failure;

  private PreparedBodies(Supplier<String> bodies, int total, int ahead, String placeholder) {
    this.total = total;
    this.placeholder = placeholder;
    this.room = new Semaphore(ahead);
    this.maker = new Thread(() -> make(bodies), "prepare-bodies");
    maker.setDaemon(true);
  }

  /**
   * Starts making {@code total} bodies from {@code bodies}, at most {@code ahead} untaken at a time. Each must
   * contain {@code placeholder} once.
   */
  public static PreparedBodies start(Supplier<String> bodies, int total, int ahead, String placeholder) {
    if (total < 0 || ahead < 1) {
      throw new IllegalArgumentException("need total >= 0 and ahead >= 1, got " + total + " and " + ahead);
    }
    PreparedBodies p = new PreparedBodies(bodies, total, ahead, placeholder);
    p.maker.start();
    return p;
  }

  public int total() {
    return total;
  }

  /** Bodies made and not yet taken. */
  public synchronized int held() {
    return ready.size();
  }

  /**
   * Body {@code i} as its text before and after the placeholder (UTF-8), waiting until it is made.
   *
   * @throws IllegalStateException when making the bodies failed, or {@code i} was taken before
   */
  public byte[][] take(int i) throws InterruptedException {
    if (i < 0 || i >= total) {
      throw new IllegalArgumentException("body " + i + " is outside 0.." + (total - 1));
    }
    byte[][] parts;
    synchronized (this) {
      while (!ready.containsKey(i)) {
        if (failure != null) {
          throw new IllegalStateException("making the bench's bodies failed", failure);
        }
        if (i < made) {
          throw new IllegalStateException("body " + i + " was taken already");
        }
        wait(1000);
      }
      parts = ready.remove(i);
    }
    room.release();
    return parts;
  }

  /** The body with {@code fill} in the placeholder's place. */
  public static byte[] fill(byte[][] parts, byte[] fill) {
    byte[] body = new byte[parts[0].length + fill.length + parts[1].length];
    System.arraycopy(parts[0], 0, body, 0, parts[0].length);
    System.arraycopy(fill, 0, body, parts[0].length, fill.length);
    System.arraycopy(parts[1], 0, body, parts[0].length + fill.length, parts[1].length);
    return body;
  }

  private void make(Supplier<String> bodies) {
    try {
      for (int i = 0; i < total; i++) {
        room.acquire();
        String b = bodies.get();
        int at = b.indexOf(placeholder);
        if (at < 0) {
          throw new IllegalArgumentException("body " + i + " has no " + placeholder);
        }
        byte[][] parts = {b.substring(0, at).getBytes(StandardCharsets.UTF_8),
            b.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8)};
        synchronized (this) {
          ready.put(i, parts);
          made = i + 1;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        failure = e;
        notifyAll();
      }
    }
  }

  @Override
  public void close() {
    maker.interrupt();
  }
}
