package org.observatoire.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.beam.cubes.CubeGroups;
import org.observatoire.beam.parquet.DatasetFiles;
import org.observatoire.beam.parquet.SortBuffer;

/**
 * The cubes' grouping without a shuffle: contributions (group key, batch) go to one of a few shards by the key's hash,
 * each an external sort in bounded memory ({@link SortBuffer}, sorted by group key; each row holds its group key and
 * batch); then each shard, on a thread of its own, reads its groups in key order and measures them
 * ({@link CubeGroups#measure}) into the cube files.
 */
final class CubeShards {
  /** Memory of each shard's sort before it spills to local disk. */
  private static final long SHARD_BUDGET_BYTES = 32L << 20;
  private final SortBuffer[] shards;

  CubeShards(int shards) {
    this.shards = new SortBuffer[shards];
    for (int i = 0; i < shards; i++) {
      this.shards[i] = new SortBuffer(SHARD_BUDGET_BYTES);
    }
  }

  /** One batch of contributions to a group. Thread-safe. */
  void add(String groupKey, byte[] batch) {
    SortBuffer shard = shards[Math.floorMod(groupKey.hashCode(), shards.length)];
    byte[] key = groupKey.getBytes(StandardCharsets.UTF_8);
    byte[] row = ByteBuffer.allocate(Integer.BYTES + key.length + batch.length).putInt(key.length).put(key).put(batch)
        .array(); // the sort gives rows only: each carries its group key, to find where a group ends
    synchronized (shard) {
      shard.add(key, row);
    }
  }

  /** One task per shard: measures its groups into {@code cubes}. Call once every contribution is added. */
  List<Callable<Void>> measure(DatasetFiles<GenericRecord> cubes) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (SortBuffer shard : shards) {
      tasks.add(() -> {
        try (SortBuffer s = shard) {
          measure(s.sorted(), cubes);
        }
        return null;
      });
    }
    return tasks;
  }

  private static void measure(Iterator<byte[]> rows, DatasetFiles<GenericRecord> cubes) {
    String key = null;
    List<byte[]> group = new ArrayList<>();
    while (rows.hasNext()) {
      ByteBuffer row = ByteBuffer.wrap(rows.next());
      byte[] k = new byte[row.getInt()];
      row.get(k);
      String rowKey = new String(k, StandardCharsets.UTF_8);
      if (key != null && !key.equals(rowKey)) {
        measure(key, group, cubes);
        group.clear();
      }
      key = rowKey;
      byte[] batch = new byte[row.remaining()];
      row.get(batch);
      group.add(batch);
    }
    if (key != null) {
      measure(key, group, cubes);
    }
  }

  private static void measure(String key, List<byte[]> group, DatasetFiles<GenericRecord> cubes) {
    CubeGroups.measure(key, group, r -> PlainOutputs.write(cubes, r));
  }
}
