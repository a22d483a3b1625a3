package org.observatoire.bench;

import java.util.concurrent.TimeUnit;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Projected;
import org.observatoire.core.geo.Reprojector;
import org.observatoire.core.geo.region.RegionLocator;
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
 * Département + région look-ups per second on one thread: from WGS84 (includes the projection to
 * Lambert-93), from Lambert-93 (what the pipeline has after assignment), and over the whole bounding
 * box of France (a third of the points at sea or abroad, which take the tolerance search).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RegionLookupBenchmark {

  private static final int N = 4096;

  private RegionLocator locator;
  private Coordinate[] inside;
  private Projected[] insideL93;
  private Coordinate[] box;

  @Setup
  public void setUp() {
    locator = RegionLocator.france();
    inside = FrancePoints.inside(N, 42);
    insideL93 = new Projected[N];
    for (int i = 0; i < N; i++) {
      insideL93[i] = Reprojector.sis().toLambert93(inside[i]);
    }
    box = FrancePoints.boundingBox(N, 43);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void locateWgs84InFrance(Blackhole bh) {
    for (Coordinate c : inside) {
      bh.consume(locator.locate(c));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void locateLambert93InFrance(Blackhole bh) {
    for (Projected p : insideL93) {
      bh.consume(locator.locate(p));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void locateWgs84BoundingBox(Blackhole bh) {
    for (Coordinate c : box) {
      bh.consume(locator.locate(c));
    }
  }
}
