package org.observatoire.beam.io;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates Kafka topics by name (brokers here do not create them on first use) and waits until they are usable. */
public final class KafkaTopics {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaTopics() {}

  /** Creates the topics that do not exist yet, with the broker's replication factor and no topic settings. */
  public static void create(String bootstrapServers, Map<String, Integer> partitions) {
    create(bootstrapServers, partitions, Map.of());
  }

  /**
   * Creates the topics that do not exist yet, with the broker's replication factor and the settings given for each
   * topic in {@code configs} (none for a topic it does not name); an existing topic is left as it is.
   */
  public static void create(String bootstrapServers, Map<String, Integer> partitions,
      Map<String, Map<String, String>> configs) {
    try (Admin admin = admin(bootstrapServers)) {
      for (Map.Entry<String, Integer> t : partitions.entrySet()) {
        create(admin, t.getKey(), t.getValue(), configs.getOrDefault(t.getKey(), Map.of()));
      }
      awaitLeaders(admin, partitions.keySet(), TIMEOUT);
    }
  }

  /**
   * Creates {@code topic} unless it exists, with as many partitions as {@code like} has (which must exist) and the
   * given topic settings; an existing topic is left as it is.
   */
  public static void createLike(String bootstrapServers, String topic, String like, Map<String, String> configs) {
    try (Admin admin = admin(bootstrapServers)) {
      awaitLeaders(admin, List.of(like), TIMEOUT);
      int partitions = describe(admin, List.of(like)).get(like).partitions().size();
      create(admin, topic, partitions, configs);
      awaitLeaders(admin, List.of(topic), TIMEOUT);
    }
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private static void create(Admin admin, String topic, int partitions, Map<String, String> configs) {
    try {
      admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(partitions), java.util.Optional.empty())
          .configs(configs))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + topic + ": no answer within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
  }

  private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics) {
    try {
      return admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topics " + topics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics " + topics, e);
    }
  }

  /**
   * Waits until the broker's metadata shows a leader for every partition of {@code topics}. The controller answers
   * a creation before the broker's metadata cache has it: a client asking in between is told the topic has no
   * partitions (a consumer's {@code partitionsFor} returns an empty list), which once left an intake reading no
   * verdicts at all.
   */
  static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String missing = String.join(", ", topics);
    try {
      while (System.nanoTime() < deadline) {
        try {
          Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
          List<String> without = d.values().stream()
              .filter(td -> td.partitions().isEmpty() || td.partitions().stream().anyMatch(p -> p.leader() == null))
              .map(TopicDescription::name).toList();
          if (without.isEmpty()) {
            return;
          }
          missing = String.join(", ", without);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw new IllegalStateException("cannot describe topics " + topics, e.getCause());
          }
        } catch (TimeoutException e) {
          // the broker is slow: ask again until the deadline
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
    }
    throw new IllegalStateException("topics without a leader " + timeout.toSeconds() + " s after their creation: "
        + missing);
  }
}
