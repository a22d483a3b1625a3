package org.observatoire.cli.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of a broker started by a test: runs {@code kafka.Kafka} and halts as soon as its standard input
 * closes, i.e. when the JVM that started it is gone, even after a kill -9. Kafka is looked up by name: it is on
 * the child's classpath only.
 */
public final class WatchedBroker {
  private WatchedBroker() {}

  public static void main(String[] args) throws Exception {
    Thread watch = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() != -1) {
          // keep reading until the parent goes away
        }
      } catch (IOException e) {
        // the pipe broke: the parent is gone too
      }
      Runtime.getRuntime().halt(0);
    }, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
  }
}
