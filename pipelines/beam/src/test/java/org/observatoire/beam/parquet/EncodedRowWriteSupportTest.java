package org.observatoire.beam.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.avro.AvroSchemas;

/**
 * The encoded-row writer against parquet-avro's own writer on the same seeded rows (nulls, empty and multi-element
 * lists, every field type of the datasets): the same Parquet schema and Avro schema in the footer, and the same
 * records read back.
 */
class EncodedRowWriteSupportTest {
  private static final Configuration CONF = new Configuration(false);

  @TempDir
  Path tmp;

  private static Object value(String name, Schema t, Random r) {
    if (t.getType() == Schema.Type.UNION) {
      if (r.nextInt(3) == 0) {
        return null;
      }
      t = t.getTypes().get(t.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0);
    }
    return switch (t.getType()) {
      case STRING -> name + "-é-" + r.nextInt(50);
      case BYTES -> PointWkb.of(r.nextDouble(), r.nextDouble());
      case INT -> r.nextInt() / 3;
      case LONG -> r.nextLong();
      case DOUBLE -> r.nextGaussian() * 1e3;
      case BOOLEAN -> r.nextBoolean();
      case RECORD -> record(t, r);
      case ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(value(name, t.getElementType(), r));
        }
        yield l;
      }
      default -> throw new IllegalArgumentException(t.toString());
    };
  }

  private static GenericRecord record(Schema s, Random r) {
    GenericData.Record g = new GenericData.Record(s);
    for (Schema.Field f : s.getFields()) {
      g.put(f.pos(), value(f.name(), f.schema(), r));
    }
    return g;
  }

  private static List<GenericRecord> rows(Schema s, int n, long seed) {
    Random r = new Random(seed);
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(record(s, r));
    }
    return rows;
  }

  private static byte[] encode(Schema s, GenericRecord g) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(s).write(g, e);
    e.flush();
    return out.toByteArray();
  }

  private static List<GenericRecord> read(Path file) throws IOException {
    return ReadParquet.rows(file);
  }

  private static FileMetaData footer(Path file) throws IOException {
    return ReadParquet.footer(file);
  }

  private void assertSameAsParquetAvro(Schema s, long seed) throws IOException {
    List<GenericRecord> rows = rows(s, 3000, seed);
    Path reference = tmp.resolve(s.getName() + "-avro.parquet");
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(ChannelOutputFile.create(reference))
        .withSchema(s).withConf(CONF).build()) {
      for (GenericRecord g : rows) {
        w.write(g);
      }
    }
    Path encoded = tmp.resolve(s.getName() + "-encoded.parquet");
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(encoded), s, null, 64 * 1024)) {
      for (GenericRecord g : rows) {
        w.write(encode(s, g));
      }
    }
    assertThat(footer(encoded).getSchema(), is(footer(reference).getSchema()));
    assertThat(footer(encoded).getKeyValueMetaData().get("parquet.avro.schema"),
        is(footer(reference).getKeyValueMetaData().get("parquet.avro.schema")));
    assertThat(read(encoded), is(read(reference)));
  }

  @Test
  void writesTheOccurrenceFilesParquetAvroWouldWrite() throws IOException {
    assertSameAsParquetAvro(AvroSchemas.OCCURRENCE_FILE, 3);
  }

  @Test
  void writesTheVisitAndSideFilesParquetAvroWouldWrite() throws IOException {
    assertSameAsParquetAvro(AvroSchemas.VISIT_FILE, 5);
    assertSameAsParquetAvro(AvroSchemas.REJECTED, 7);
    assertSameAsParquetAvro(AvroSchemas.DEAD_LETTER, 9);
    assertSameAsParquetAvro(org.observatoire.beam.cubes.CubeSchemas.CUBE, 11);
  }

  @Test
  void addsTheGeoKeyWithTheRowsExtent() throws IOException {
    Schema s = AvroSchemas.OCCURRENCE_FILE;
    Path file = tmp.resolve("geo.parquet");
    double[][] points = {{2.35, 48.85}, {-4.48, 48.39}, {7.26, 43.7}};
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(file), s, GeoParquet.forSchema(s),
        1 << 20)) {
      List<GenericRecord> rows = rows(s, points.length, 1);
      for (int i = 0; i < points.length; i++) {
        GenericRecord g = rows.get(i);
        double[] p = points[i];
        g.put("decimalLongitude", p[0]);
        g.put("decimalLatitude", p[1]);
        w.write(encode(s, g));
      }
    }
    Map<String, String> meta = footer(file).getKeyValueMetaData();
    assertThat(meta.get("geo"), containsString("\"bbox\":[-4.48,43.7,7.26,48.85]"));
  }

  /** Rows at an unknown place (null coordinates and geometry) are written, and left out of the bbox. */
  @Test
  void leavesRowsWithoutAPointOutOfTheExtent() throws IOException {
    Schema s = AvroSchemas.OCCURRENCE_FILE;
    Path file = tmp.resolve("geo-nulls.parquet");
    Double[][] points = {{null, null}, {2.35, 48.85}, {null, null}, {-4.48, 48.39}, {7.26, 43.7}, {null, null}};
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(file), s, GeoParquet.forSchema(s),
        1 << 20)) {
      List<GenericRecord> rows = rows(s, points.length, 2);
      for (int i = 0; i < points.length; i++) {
        GenericRecord g = rows.get(i);
        g.put("decimalLongitude", points[i][0]);
        g.put("decimalLatitude", points[i][1]);
        g.put("geometry", points[i][0] == null ? null : PointWkb.of(points[i][0], points[i][1]));
        w.write(encode(s, g));
      }
    }
    assertThat(footer(file).getKeyValueMetaData().get("geo"), containsString("\"bbox\":[-4.48,43.7,7.26,48.85]"));
    List<GenericRecord> back = org.observatoire.beam.parquet.ReadParquet.rows(file);
    assertThat(back.size(), is(points.length));
    assertThat(back.get(0).get("geometry") == null && back.get(0).get("decimalLatitude") == null, is(true));
  }

  @Test
  void aFileWithoutAnyPointHasNoBbox() throws IOException {
    Schema s = AvroSchemas.OCCURRENCE_FILE;
    Path file = tmp.resolve("geo-none.parquet");
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(file), s, GeoParquet.forSchema(s),
        1 << 20)) {
      for (GenericRecord g : rows(s, 3, 4)) {
        g.put("decimalLongitude", null);
        g.put("decimalLatitude", null);
        g.put("geometry", null);
        w.write(encode(s, g));
      }
    }
    String geo = footer(file).getKeyValueMetaData().get("geo");
    assertThat(geo, containsString("\"geometry_types\":[\"Point\"]"));
    assertThat(geo.contains("bbox") || geo.contains("NaN") || geo.contains("Infinity"), is(false));
  }

  @Test
  void writesHighCardinalityColumnsWithoutADictionary() throws IOException {
    Schema s = AvroSchemas.OCCURRENCE_FILE;
    Path file = tmp.resolve("dictionaries.parquet");
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(file), s, null, 1 << 20)) {
      for (GenericRecord g : rows(s, 200, 3)) {
        w.write(encode(s, g));
      }
    }
    Map<String, Boolean> dictionary = new java.util.HashMap<>();
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
      for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns()) {
        dictionary.put(c.getPath().toDotString(), c.hasDictionaryPage());
      }
    }
    for (String column : List.of("eventID", "submissionId", "eventDateUtc", "recordedBy", "occurrenceID")) {
      assertThat(column, dictionary.get(column), is(false));
    }
    for (String column : List.of("scientificName", "basisOfRecord", "countryCode", "eea10km")) {
      assertThat(column, dictionary.get(column), is(true));
    }
  }

  @Test
  void refusesBytesEncodedWithAnotherSchema() throws IOException {
    Path file = tmp.resolve("wrong.parquet");
    byte[] dead = encode(AvroSchemas.DEAD_LETTER, rows(AvroSchemas.DEAD_LETTER, 1, 2).get(0));
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(file), AvroSchemas.DUPLICATE, null,
        1 << 20)) {
      Exception e = assertThrows(RuntimeException.class, () -> w.write(dead));
      assertThat(e.getMessage() + "", containsString("DuplicateSubmission"));
    }
  }
}
