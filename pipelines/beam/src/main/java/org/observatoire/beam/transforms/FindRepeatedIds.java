package org.observatoire.beam.transforms;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.observatoire.core.ingest.RepeatedIds;

/**
 * Submission id keys (one per line, {@code SubmissionIds.key}) → the keys found more than once, as a side input.
 * The shuffle moves 8-byte keys; the submissions themselves then skip the duplicate check unless their id repeats
 * ({@link ProcessSubmissions#keepingUnique}).
 */
public final class FindRepeatedIds extends PTransform<PCollection<Long>, PCollectionView<RepeatedIds>> {
  private FindRepeatedIds() {}

  public static FindRepeatedIds create() {
    return new FindRepeatedIds();
  }

  @Override
  public PCollectionView<RepeatedIds> expand(PCollection<Long> keys) {
    return keys
        .apply("CountKeys", Count.perElement())
        .apply("KeepRepeated", ParDo.of(new RepeatedFn()))
        .setCoder(VarLongCoder.of())
        .apply("Collect", Combine.globally(new CollectFn()).withoutDefaults())
        .setCoder(RepeatedIdsCoder.INSTANCE)
        .apply("AsSideInput", View.<RepeatedIds>asSingleton().withDefaultValue(RepeatedIds.none()));
  }

  static final class RepeatedFn extends DoFn<KV<Long, Long>, Long> {
    @ProcessElement
    public void process(@Element KV<Long, Long> counted, OutputReceiver<Long> out) {
      if (counted.getValue() > 1) {
        out.output(counted.getKey());
      }
    }
  }

  /** A growable array of keys. */
  static final class Keys {
    long[] keys = new long[16];
    int size;

    void add(long k) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = k;
    }
  }

  static final class CollectFn extends Combine.CombineFn<Long, Keys, RepeatedIds> {
    @Override
    public Keys createAccumulator() {
      return new Keys();
    }

    @Override
    public Keys addInput(Keys acc, Long key) {
      acc.add(key);
      return acc;
    }

    @Override
    public Keys mergeAccumulators(Iterable<Keys> accs) {
      Keys all = new Keys();
      for (Keys a : accs) {
        for (int i = 0; i < a.size; i++) {
          all.add(a.keys[i]);
        }
      }
      return all;
    }

    @Override
    public RepeatedIds extractOutput(Keys acc) {
      return RepeatedIds.ofKeys(acc.keys, acc.size);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Keys> getAccumulatorCoder(CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Long> input) {
      return KeysCoder.INSTANCE;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<RepeatedIds> getDefaultOutputCoder(CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Long> input) {
      return RepeatedIdsCoder.INSTANCE;
    }
  }

  static final class KeysCoder extends CustomCoder<Keys> {
    static final KeysCoder INSTANCE = new KeysCoder();

    @Override
    public void encode(Keys value, OutputStream out) throws IOException {
      writeKeys(value.keys, value.size, out);
    }

    @Override
    public Keys decode(InputStream in) throws IOException {
      Keys k = new Keys();
      k.keys = readKeys(in);
      k.size = k.keys.length;
      if (k.keys.length == 0) {
        k.keys = new long[16];
      }
      return k;
    }
  }

  /** Coder of {@link RepeatedIds}: the count, then the keys. */
  public static final class RepeatedIdsCoder extends CustomCoder<RepeatedIds> {
    public static final RepeatedIdsCoder INSTANCE = new RepeatedIdsCoder();

    @Override
    public void encode(RepeatedIds value, OutputStream out) throws IOException {
      long[] keys = value.keys();
      writeKeys(keys, keys.length, out);
    }

    @Override
    public RepeatedIds decode(InputStream in) throws IOException {
      long[] keys = readKeys(in);
      return RepeatedIds.ofKeys(keys, keys.length);
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static void writeKeys(long[] keys, int size, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(size);
    for (int i = 0; i < size; i++) {
      d.writeLong(keys[i]);
    }
    d.flush();
  }

  private static long[] readKeys(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int n = d.readInt();
    if (n < 0) {
      throw new IOException("corrupt key list: " + n + " keys");
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = d.readLong();
    }
    return keys;
  }
}
