package org.observatoire.beam.transforms;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.BackgroundPriority;

/**
 * Passes elements through unchanged, on a thread whose nice value it raises to {@code niceness} (see {@link
 * BackgroundPriority}). A runner that fuses steps (Flink chains them on one thread) runs the steps fused with this
 * one at that priority too.
 */
public final class LowerPriority<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final int niceness;

  private LowerPriority(int niceness) {
    this.niceness = BackgroundPriority.checkNiceness(niceness);
  }

  public static <T> LowerPriority<T> to(int niceness) {
    return new LowerPriority<>(niceness);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(ParDo.of(new LowerFn<T>(niceness))).setCoder(input.getCoder());
  }

  static final class LowerFn<T> extends DoFn<T, T> {
    private final int niceness;

    LowerFn(int niceness) {
      this.niceness = niceness;
    }

    @StartBundle
    public void startBundle() {
      BackgroundPriority.lowerCurrentThread(niceness);
    }

    @ProcessElement
    public void process(@Element T e, OutputReceiver<T> out) {
      out.output(e);
    }
  }
}
