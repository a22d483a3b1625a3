package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A truncated .gz does not throw: the complete lines before the fault are read and the fault is reported. */
class LineReaderFaultTest {
  @Test
  void aTruncatedGzipKeepsTheLinesBeforeTheFault() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("{\"line\":").append(i).append(",\"pad\":\"").append(Integer.toHexString(i * 7919)).append("\"}\n");
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] truncated = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
    List<RawLine> lines = new ArrayList<>();
    LineReader.Totals t = LineReader.of(1 << 20)
        .read(new GZIPInputStream(new ByteArrayInputStream(truncated)), -1, "t.jsonl.gz", 1, lines::add);
    assertThat(t.fault(), instanceOf(EOFException.class));
    assertThat(t.faultKind(), startsWith("EOFException"));
    assertThat((long) lines.size(), equalTo(t.lines()));
    assertThat(t.lines() > 1000 && t.lines() < 20_000, equalTo(true));
    for (int i = 0; i < lines.size(); i++) { // every line kept is whole and in order
      assertThat(new String(lines.get(i).bytes(), StandardCharsets.UTF_8), startsWith("{\"line\":" + i + ","));
      assertThat(new String(lines.get(i).bytes(), StandardCharsets.UTF_8).endsWith("\"}"), equalTo(true));
    }
  }
}
