package org.observatoire.bench;

import java.util.concurrent.TimeUnit;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Occurrences assigned to their three grid cells (INPN 10 km, EEA 1 km, EEA 10 km) per second on one
 * thread: two reprojections, the seeded draw in the uncertainty disc, three cell codes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GridAssignmentBenchmark {

  private static final int N = 4096;

  private CellAssigner assigner;
  private Coordinate[] points;
  private String[] ids;
  private Double[] uncertainties;

  @Setup
  public void setUp() {
    assigner = CellAssigner.create(20261122L);
    points = FrancePoints.boundingBox(N, 42);
    ids = new String[N];
    uncertainties = new Double[N];
    for (int i = 0; i < N; i++) {
      ids[i] = "urn:uuid:6f1c2a4e-0000-4000-8000-" + String.format("%012d", i);
      uncertainties[i] = i % 4 == 0 ? null : (double) (10 * (i % 500));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void assign(Blackhole bh) {
    for (int i = 0; i < N; i++) {
      Assignment a = assigner.assign(ids[i], points[i], uncertainties[i]);
      bh.consume(a);
    }
  }
}
