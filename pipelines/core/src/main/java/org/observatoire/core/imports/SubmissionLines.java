package org.observatoire.core.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Writes submissions as JSON lines: one object per line, keys in the order the importer put them, numbers as read
 * from the export (a {@link java.math.BigDecimal} keeps "29.0" as 29.0), '\n' after each line. Same submissions,
 * same bytes.
 */
public final class SubmissionLines {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectWriter WRITER = new ObjectMapper()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .writer();

  /** RFC 3339 with seconds always written, a fraction only when there is one, and the offset (Z for UTC). */
  static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendOffset("+HH:MM", "Z")
      .toFormatter();

  private SubmissionLines() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * The fields every imported submission starts with, in this order: submissionId, protocol, protocolVersion,
   * submittedAt (the import's), app (name "observatoire-import", version the format read).
   */
  static ObjectNode start(String submissionId, String protocol, int protocolVersion, ImportSettings settings,
      String format) {
    ObjectNode s = object();
    s.put("submissionId", submissionId);
    s.put("protocol", protocol);
    s.put("protocolVersion", protocolVersion);
    s.put("submittedAt", rfc3339(settings.submittedAt()));
    ObjectNode app = s.putObject("app");
    app.put("name", "observatoire-import");
    app.put("version", format);
    return s;
  }

  public static String rfc3339(OffsetDateTime t) {
    return RFC_3339.format(t);
  }

  public static void write(List<ObjectNode> submissions, Writer out) throws IOException {
    for (ObjectNode s : submissions) {
      out.write(WRITER.writeValueAsString(s));
      out.write('\n');
    }
  }
}
