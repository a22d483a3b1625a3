package org.observatoire.beam.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.VisitBlocks;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.visits.ListedTaxon;
import org.observatoire.core.visits.Observed;
import org.observatoire.core.visits.Visit;
import org.observatoire.core.visits.ZeroFill;

/**
 * Zero-filled visits written as blocks ({@link VisitBlocks} → {@link BlockParquetSink}) with a small sort budget, so
 * that the sort spills: every row comes back, column for column, as {@link ZeroFill} made it, visit by visit in the
 * blocks' key order and taxa in list order, read by parquet-avro's own reader.
 */
class BlockParquetSinkTest {
  @TempDir
  Path tmp;

  /**
   * 400 seeded visits on 60 sites, 35 listed taxa, some visits holding a generalised (sensitive) occurrence, some at
   * an unknown place (no site id, no coordinates: null point and cells).
   */
  private static List<List<ZeroFill.Row>> visits() {
    Random r = new Random(7);
    List<ListedTaxon> list = new ArrayList<>();
    for (int t = 0; t < 35; t++) {
      list.add(new ListedTaxon(String.format("%06d", 1000 + t * 7), "Taxon " + t, t % 5 == 0 ? null : "Nom " + t));
    }
    ZeroFill fill = ZeroFill.with(CellAssigner.create(0));
    List<List<ZeroFill.Row>> visits = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int site = r.nextInt(60);
      boolean unlocated = i % 15 == 7;
      Double lat = unlocated ? null : 43.5 + (site % 10) * 0.6;
      Double lon = unlocated ? null : -0.5 + (site / 10) * 1.1;
      Visit v = new Visit("stoc-eps:s" + i, "stoc-eps", "s" + i, unlocated ? null : "site-" + site,
          String.format("2025-%02d-%02d", 4 + r.nextInt(3), 1 + r.nextInt(28)), 2025, 5,
          r.nextBoolean() ? null : "07:15", r.nextBoolean() ? null : 50.0, r.nextBoolean() ? 10 : null, null, lat, lon,
          true, "STOC-EPS point count (5 min), Vigie-Nature", 5.0, null);
      List<Observed> observed = new ArrayList<>();
      for (int k = r.nextInt(12); k > 0; k--) {
        ListedTaxon t = list.get(r.nextInt(list.size()));
        observed.add(new Observed(t.taxonKey(), r.nextInt(4) == 0 ? null : 1 + r.nextInt(9), lat, lon, null, false));
      }
      if (r.nextInt(10) == 0 && !unlocated) {
        observed.add(new Observed(list.get(3).taxonKey(), 1, lat + 0.03, lon - 0.02, 7071.0, true));
      }
      visits.add(fill.rows(v, observed, list));
    }
    return visits;
  }

  @Test
  void everyRowComesBackVisitByVisitInKeyOrder() throws Exception {
    List<List<ZeroFill.Row>> visits = visits();
    VisitBlocks encode = VisitBlocks.create();
    List<RowBlock> blocks = new ArrayList<>();
    for (List<ZeroFill.Row> v : visits) {
      RowBlock b = encode.block(v);
      assertThat(b.destination(), equalTo("protocol=stoc-eps/year=2025"));
      assertThat(b.rowCount(), equalTo(35));
      // the blocks travel through the pipeline with their coder
      blocks.add(CoderUtils.clone(RowBlock.coder(), b));
    }
    Collections.shuffle(blocks, new Random(3));
    Path file = tmp.resolve("visits.parquet");
    BlockParquetSink sink = new BlockParquetSink(AvroSchemas.VISIT_FILE, 64 * 1024, 32 * 1024);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sink.open(ch);
      for (RowBlock b : blocks) {
        sink.write(b);
      }
      sink.flush();
    }

    List<ZeroFill.Row> expected = new ArrayList<>();
    visits.stream()
        .sorted(Comparator.comparing((List<ZeroFill.Row> v) -> v.get(0).eea10km(),
                Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(v -> v.get(0).visit().locationID(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(v -> v.get(0).visit().eventDate())
            .thenComparing(v -> v.get(0).visit().eventID()))
        .forEach(expected::addAll);
    List<GenericRecord> read = ReadParquet.rows(file);
    assertThat(read.size(), equalTo(400 * 35));
    int generalised = 0;
    int unlocated = 0;
    double[] bbox = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (int i = 0; i < read.size(); i++) {
      GenericRecord g = read.get(i);
      ZeroFill.Row e = expected.get(i);
      Visit v = e.visit();
      String at = "row " + i + " (" + v.eventID() + ", " + e.taxon().taxonKey() + ")";
      assertThat(at, str(g, "eventID"), equalTo(v.eventID()));
      assertThat(at, str(g, "submissionId"), equalTo(v.submissionId()));
      assertThat(at, str(g, "locationID"), equalTo(v.locationID()));
      assertThat(at, str(g, "eventDate"), equalTo(v.eventDate()));
      assertThat(at, g.get("month"), equalTo(v.month()));
      assertThat(at, str(g, "eventTime"), equalTo(v.startTime()));
      assertThat(at, g.get("durationMinutes"), equalTo(v.durationMinutes()));
      assertThat(at, g.get("pointCount"), equalTo(v.pointCount()));
      assertThat(at, g.get("transectLengthMeters"), equalTo(v.transectLengthMeters()));
      assertThat(at, g.get("decimalLatitude"), equalTo(e.decimalLatitude()));
      assertThat(at, g.get("decimalLongitude"), equalTo(e.decimalLongitude()));
      assertThat(at, g.get("coordinateUncertaintyInMeters"), equalTo(e.coordinateUncertaintyInMeters()));
      assertThat(at, g.get("locationGeneralised"), equalTo(e.locationGeneralised()));
      assertThat(at, str(g, "eea10km"), equalTo(e.eea10km()));
      assertThat(at, str(g, "inpn10km"), equalTo(e.inpn10km()));
      assertThat(at, str(g, "taxonKey"), equalTo(e.taxon().taxonKey()));
      assertThat(at, str(g, "scientificName"), equalTo(e.taxon().scientificName()));
      assertThat(at, str(g, "vernacularName"), equalTo(e.taxon().vernacularName()));
      assertThat(at, g.get("individualCount"), equalTo(e.individualCount()));
      assertThat(at, str(g, "occurrenceStatus"), equalTo(e.present() ? "present" : "absent"));
      if (e.decimalLatitude() == null) {
        assertThat(at, g.get("geometry"), equalTo(null));
        assertThat(at, g.get("eea10km"), equalTo(null));
        unlocated++;
      } else {
        assertThat(at, g.get("geometry"), equalTo(PointWkb.of(e.decimalLongitude(), e.decimalLatitude())));
        bbox[0] = Math.min(bbox[0], e.decimalLongitude());
        bbox[1] = Math.min(bbox[1], e.decimalLatitude());
        bbox[2] = Math.max(bbox[2], e.decimalLongitude());
        bbox[3] = Math.max(bbox[3], e.decimalLatitude());
      }
      generalised += e.locationGeneralised() ? 1 : 0;
    }
    assertThat("the seed puts generalised visits in the sample", generalised, greaterThan(0));
    assertThat("the seed puts visits at an unknown place in the sample", unlocated, greaterThan(0));
    assertThat(ReadParquet.footer(file).getKeyValueMetaData(), hasKey("geo"));
    // the bbox covers the non-null points only (GeoParquet 1.1 null geometries)
    assertThat(ReadParquet.footer(file).getKeyValueMetaData().get("geo"), org.hamcrest.Matchers.containsString(
        "\"bbox\":[" + bbox[0] + "," + bbox[1] + "," + bbox[2] + "," + bbox[3] + "]"));
    // a visit's point is repeated on each of its taxon rows: those columns take a dictionary (an id per repeat)
    List<BlockMetaData> groups = ReadParquet.rowGroups(file);
    assertThat(groups.size(), greaterThan(1));
    for (BlockMetaData g : groups) {
      for (ColumnChunkMetaData c : g.getColumns()) {
        String column = c.getPath().toDotString();
        boolean allNull = c.getStatistics().getNumNulls() == c.getValueCount(); // no value, so no dictionary
        if (List.of("geometry", "decimalLatitude", "decimalLongitude", "taxonKey").contains(column) && !allNull) {
          assertThat(column, c.getEncodings(), hasItem(Encoding.PLAIN_DICTIONARY));
        }
      }
    }
  }

  @Test
  void aBlockWithoutRowsIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> RowBlock.of("d", RowBlock.key("k"), new byte[0], List.of(), new byte[0]));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> RowBlock.ofRows("d", List.of(), List.of()));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> RowBlock.ofRows("d", List.of(RowBlock.key("k")), List.of(new byte[] {1}, new byte[] {2})));
  }

  @Test
  void aBlockOfKeyedRowsKeepsEachRowsKeyThroughItsCoder() throws Exception {
    List<byte[]> keys = List.of(RowBlock.key("b", null), RowBlock.key("a", "x"), RowBlock.key("c", "y"));
    List<byte[]> rows = List.of(new byte[] {1, 2}, new byte[] {3}, new byte[] {4, 5, 6});
    RowBlock b = CoderUtils.clone(RowBlock.coder(), RowBlock.ofRows("protocol=p/year=2024", keys, rows));
    assertThat(b.destination(), equalTo("protocol=p/year=2024"));
    assertThat(b.groups(), equalTo(3));
    assertThat(b.rowCount(), equalTo(3));
    List<byte[]> back = new ArrayList<>();
    b.forEachRow(back::add);
    for (int i = 0; i < 3; i++) {
      assertThat("key " + i, java.util.Arrays.equals(b.sortKey(i), keys.get(i)), equalTo(true));
      assertThat("row " + i, java.util.Arrays.equals(back.get(i), rows.get(i)), equalTo(true));
    }
  }

  private static String str(GenericRecord g, String field) {
    Object v = g.get(field);
    return v == null ? null : v.toString();
  }
}
