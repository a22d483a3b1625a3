package org.observatoire.beam.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The cursor reads back what Avro's own encoder wrote, over the edges of the varint and fixed encodings. */
class AvroCursorTest {
  @Test
  void readsWhatAvrosEncoderWrote() throws Exception {
    long[] longs = {0, 1, -1, 63, -64, 64, -65, 8191, 8192, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE};
    Random r = new Random(5);
    double[] doubles = {0.0, -0.0, 1.5, -43.25, Double.MAX_VALUE, Double.MIN_VALUE, r.nextDouble(), Double.NaN};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(bytes, null);
    bytes.write(new byte[] {9, 9, 9}); // the cursor starts inside an array
    for (long v : longs) {
      e.writeLong(v);
    }
    e.writeInt(-12345);
    for (double d : doubles) {
      e.writeDouble(d);
    }
    e.writeFloat(2.5f);
    e.writeString("Turdus merula é");
    e.writeLong(77);
    e.writeArrayStart(); // Avro's writer: one block of three items, counted positive
    e.setItemCount(3);
    for (int i = 0; i < 3; i++) {
      e.startItem();
      e.writeInt(i);
    }
    e.writeArrayEnd();
    e.writeLong(-2); // a block counted negative, with its byte size: as other writers may give it
    e.writeLong(2);
    e.writeInt(5);
    e.writeInt(6);
    e.writeLong(0);
    e.flush();

    AvroCursor in = new AvroCursor().reset(bytes.toByteArray(), 3);
    for (long v : longs) {
      int at = in.position();
      assertThat(in.longAt(at), equalTo(v));
      assertThat(in.position(), equalTo(at));
      assertThat(in.readLong(), equalTo(v));
      assertThat("varint length of " + v, in.varintLength(at), equalTo(in.position() - at));
    }
    assertThat(in.readInt(), equalTo(-12345));
    for (double d : doubles) {
      int at = in.position();
      assertThat(Double.doubleToRawLongBits(in.doubleAt(at)), equalTo(Double.doubleToRawLongBits(d)));
      assertThat(in.position(), equalTo(at));
      assertThat(Double.doubleToRawLongBits(in.readDouble()), equalTo(Double.doubleToRawLongBits(d)));
    }
    assertThat(Float.intBitsToFloat(in.readFixedInt()), equalTo(2.5f));
    int start = in.skipBytes();
    assertThat(new String(in.array(), start, in.position() - start, StandardCharsets.UTF_8),
        equalTo("Turdus merula é"));
    assertThat(in.readLong(), equalTo(77L));
    List<Integer> items = new ArrayList<>();
    for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
      for (long i = 0; i < n; i++) {
        items.add(in.readInt());
      }
    }
    assertThat(items, equalTo(List.of(0, 1, 2)));
    items.clear();
    for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
      for (long i = 0; i < n; i++) {
        items.add(in.readInt());
      }
    }
    assertThat(items, equalTo(List.of(5, 6)));
    assertThat(in.position(), equalTo(bytes.size()));
  }
}
