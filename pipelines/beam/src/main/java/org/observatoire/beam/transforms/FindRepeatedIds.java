package org.observatoire.beam.transforms;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
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

  /** The repeated keys, collected (few: ids rarely repeat). */
  static final class CollectFn extends Combine.CombineFn<Long, List<Long>, RepeatedIds> {
    @Override
    public List<Long> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Long> addInput(List<Long> acc, Long key) {
      acc.add(key);
      return acc;
    }

    @Override
    public List<Long> mergeAccumulators(Iterable<List<Long>> accs) {
      List<Long> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public RepeatedIds extractOutput(List<Long> acc) {
      return RepeatedIds.ofKeys(acc.stream().mapToLong(Long::longValue).toArray(), acc.size());
    }

    @Override
    public Coder<List<Long>> getAccumulatorCoder(CoderRegistry registry, Coder<Long> input) {
      return ListCoder.of(VarLongCoder.of());
    }

    @Override
    public Coder<RepeatedIds> getDefaultOutputCoder(CoderRegistry registry, Coder<Long> input) {
      return RepeatedIdsCoder.INSTANCE;
    }
  }

  /** Coder of {@link RepeatedIds}: the count, then the keys. */
  public static final class RepeatedIdsCoder extends CustomCoder<RepeatedIds> {
    public static final RepeatedIdsCoder INSTANCE = new RepeatedIdsCoder();

    @Override
    public void encode(RepeatedIds value, OutputStream out) throws IOException {
      long[] keys = value.keys();
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(keys.length);
      for (long k : keys) {
        d.writeLong(k);
      }
      d.flush();
    }

    @Override
    public RepeatedIds decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      int n = d.readInt();
      if (n < 0) {
        throw new IOException("corrupt repeated ids: " + n + " keys");
      }
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = d.readLong();
      }
      return RepeatedIds.ofKeys(keys, n);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
