package org.observatoire.core.ingest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.observatoire.core.ids.Hashing;
import org.observatoire.core.interpret.Interpreted;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.interpret.RestrictedLocation;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Flattener;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.SiteKeys;
import org.observatoire.core.privacy.SubmissionRedactor;
import org.observatoire.core.protocol.ProtocolCatalog;
import org.observatoire.core.protocol.ProtocolSchema;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.RuleBook;
import org.observatoire.core.protocol.RuleResult;
import org.observatoire.core.protocol.expr.CelValues;
import org.observatoire.core.quality.coordinates.LatLon;
import org.observatoire.core.time.IsoTimes;
import org.observatoire.core.validation.Violation;

/**
 * The whole per-line path of ingestion, Beam-free: bytes → UTF-8 check → JSON (one parse) → protocol and version →
 * schema → protocol rules → occurrence rows. Never throws for bad input: every problem becomes a {@link Violation}
 * of a {@link Outcome.Rejected}. Thread-safe once built; build one per worker and reuse it.
 */
public final class SubmissionProcessor {
  /** Default longest line accepted, in bytes. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  /**
   * The default limit for lines read from files (nightly, validate): one submission is one visit, and a real
   * Vigie-Chiro night of 4,178 detections is a 1.25 MB line.
   */
  public static final int FILE_MAX_LINE_BYTES = 8 << 20;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // parser messages must not quote the line: it may hold personal data, and messages are published
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final ProtocolCatalog catalog;
  private final RuleBook rules;
  private final int maxLineBytes;
  private final OccurrenceInterpreter interpreter;
  private final SubmissionRedactor redactor;

  private SubmissionProcessor(
      ProtocolCatalog catalog, RuleBook rules, int maxLineBytes, OccurrenceInterpreter interpreter) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.rules = Objects.requireNonNull(rules, "rules");
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.interpreter = interpreter;
    this.redactor = interpreter == null ? null : SubmissionRedactor.of(interpreter.pseudonymizer());
  }

  /**
   * @param referenceTime the run's "now" (submissions after it are rejected), fixed per run for reproducibility
   * @param maxLineBytes lines longer than this are rejected with {@code LINE_TOO_LONG}
   */
  public static SubmissionProcessor create(Instant referenceTime, int maxLineBytes) {
    return new SubmissionProcessor(ProtocolCatalog.fromClasspath(), RuleBook.at(referenceTime), maxLineBytes, null);
  }

  /**
   * A processor whose accepted rows are also interpreted (taxon, flags, regions, cells, privacy): what the jobs
   * publish. Without an interpreter ({@link #create(Instant, int)}) rows are as flattened, for verdicts only.
   */
  public static SubmissionProcessor create(Instant referenceTime, int maxLineBytes, OccurrenceInterpreter interpreter) {
    return new SubmissionProcessor(ProtocolCatalog.fromClasspath(), RuleBook.at(referenceTime), maxLineBytes,
        java.util.Objects.requireNonNull(interpreter, "interpreter"));
  }

  /**
   * A processor whose "now" (for {@code SUBMITTED_IN_FUTURE}) is read from {@code clock} for every line: the
   * streaming job judges each submission when it arrives. Batch runs keep a fixed reference time.
   */
  public static SubmissionProcessor create(Clock clock, int maxLineBytes) {
    return new SubmissionProcessor(ProtocolCatalog.fromClasspath(), RuleBook.withClock(clock), maxLineBytes, null);
  }

  /** The streaming form of {@link #create(Instant, int, OccurrenceInterpreter)}: "now" read from the clock. */
  public static SubmissionProcessor create(Clock clock, int maxLineBytes, OccurrenceInterpreter interpreter) {
    return new SubmissionProcessor(ProtocolCatalog.fromClasspath(), RuleBook.withClock(clock), maxLineBytes,
        java.util.Objects.requireNonNull(interpreter, "interpreter"));
  }

  public ProtocolCatalog catalog() {
    return catalog;
  }

  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** The interpreter of accepted rows; null for a verdicts-only processor. */
  public OccurrenceInterpreter interpreter() {
    return interpreter;
  }

  /** Decides what becomes of one line. */
  public Outcome process(RawLine line) {
    SourceRef source = line.source();
    if (line.byteLength() > maxLineBytes) {
      return reject(line, null, null, null, Violation.ofLine("LINE_TOO_LONG",
          "the line is " + line.byteLength() + " bytes long; the limit is " + maxLineBytes + " bytes"));
    }
    byte[] bytes = line.bytes();
    if (isBlank(bytes)) {
      return reject(line, null, null, null, Violation.ofLine("EMPTY_LINE", "the line is empty"));
    }
    // Jackson would detect UTF-16/32 from NUL bytes at the start and decode it: a line is UTF-8 or rejected
    Optional<String> utf8Problem = bytes.length > 1 && (bytes[0] == 0 || bytes[1] == 0)
        ? Optional.of("the line starts with a NUL byte (UTF-16 or UTF-32 text?); lines must be UTF-8")
        : utf8Problem(bytes);
    if (utf8Problem.isPresent()) {
      return reject(line, null, null, null, Violation.ofLine("INVALID_UTF8", utf8Problem.get()));
    }
    JsonNode doc;
    try {
      doc = MAPPER.readTree(bytes);
    } catch (IOException e) {
      return reject(line, null, null, null, Violation.ofLine("MALFORMED_JSON", JsonErrors.describe(e)));
    }
    if (doc == null || !doc.isObject()) {
      String kind = doc == null ? "nothing" : doc.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      return reject(line, null, null, null,
          Violation.ofLine("NOT_AN_OBJECT", "a submission is a JSON object; this line holds " + kind));
    }
    String submissionId = doc.path("submissionId").isTextual() ? doc.get("submissionId").asText() : null;
    JsonNode protocolNode = doc.path("protocol");
    String protocol = protocolNode.isTextual() ? protocolNode.asText() : null;
    List<Violation> textProblems = SubmissionText.check(doc);
    if (!textProblems.isEmpty()) { // ids and protocol kept only when clean: they go to counters and public rows
      return reject(line, null, SubmissionText.check(doc.path("submissionId")).isEmpty() ? submissionId : null,
          protocol != null && catalog.knowsProtocol(protocol) ? protocol : null, null, textProblems);
    }
    if (protocol == null || !catalog.knowsProtocol(protocol)) {
      String why = protocol == null
          ? "the submission has no protocol (a string such as \"stoc-eps\")"
          : "unknown protocol (a text of " + protocol.length() + " characters); known: "
              + String.join(", ", catalog.protocols());
      return reject(line, doc, submissionId, protocol, null,
          List.of(Violation.of("UNKNOWN_PROTOCOL", "/protocol", why)));
    }
    JsonNode versionNode = doc.path("protocolVersion");
    Integer version = versionNode.isIntegralNumber() && versionNode.canConvertToInt() ? versionNode.intValue() : null;
    Optional<ProtocolSchema> schema = version == null ? Optional.empty() : catalog.schema(protocol, version);
    if (schema.isEmpty()) {
      return reject(line, doc, submissionId, protocol, version, List.of(Violation.of("UNKNOWN_PROTOCOL_VERSION",
          "/protocolVersion", "no schema for " + protocol + " version "
              + (version != null ? String.valueOf(version) : "given as " + kindOf(versionNode))
              + "; known versions: " + catalog.versions(protocol))));
    }
    List<Violation> violations = new ArrayList<>(schema.get().validate(doc));
    RuleResult ruled = null;
    Object values = null;
    if (violations.isEmpty()) {
      values = CelValues.of(doc);
      ruled = rules.check(protocol, doc, values);
      violations.addAll(ruled.rejections());
    }
    if (!violations.isEmpty()) {
      return reject(line, doc, submissionId, protocol, version, violations);
    }
    ProtocolPackage pkg = catalog.packages().require(protocol);
    List<String> ruleFlags = ruled.flags().stream().map(Violation::code).distinct().toList();
    List<FlatOccurrence> flat = Flattener.flatten(doc, values, pkg, version, source.file(), source.line(), ruleFlags);
    List<Occurrence> rows = new ArrayList<>(flat.size());
    List<RestrictedLocation> restricted = new ArrayList<>(0);
    int nonTaxa = 0;
    int sensitiveCell = 0;
    // some exports give no site coordinates: then there is no declared site to measure rows against
    var where = pkg.mapping().event();
    JsonNode siteLat = where.latitude() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : doc.at(where.latitude());
    JsonNode siteLon = where.longitude() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : doc.at(where.longitude());
    LatLon site = siteLat.isNumber() && siteLon.isNumber() ? LatLon.of(siteLat.asDouble(), siteLon.asDouble()) : null;
    for (FlatOccurrence f : flat) {
      if (interpreter == null) {
        rows.add(f.occurrence());
        continue;
      }
      Interpreted i = interpreter.interpret(f, site);
      if (i.isNonTaxon()) {
        nonTaxa++;
        continue;
      }
      rows.add(i.publicRow());
      sensitiveCell = Math.max(sensitiveCell, i.sensitiveCellMetres());
      if (i.generalised()) {
        restricted.add(i.restricted());
      }
    }
    Instant submittedAt = IsoTimes.offsetDateTime(doc.get("submittedAt").asText()).toInstant();
    org.observatoire.core.visits.Visit visit =
        org.observatoire.core.visits.Visits.describe(doc, values, pkg, submissionId);
    List<String> siteKeys = List.of();
    if (interpreter != null) {
      siteKeys = SiteKeys.of(protocol, rows, restricted.stream()
          .map(r -> new double[] {r.decimalLatitude(), r.decimalLongitude()}).toList(), visit);
      if (sensitiveCell > 0) {
        // privacy is decided per event: one sensitive occurrence generalises the whole visit and its ids
        OccurrenceInterpreter.WithheldEvent w = interpreter.withhold(rows, restricted, visit, sensitiveCell,
            SENSITIVE_EVENT);
        rows = w.rows();
        restricted = w.restricted();
        visit = w.visit();
      }
    }
    return new Outcome.Accepted(
        source, submissionId, protocol, version, submittedAt, Hashing.sha256Hex(bytes), rows, restricted, visit,
        nonTaxa, siteKeys, sensitiveCell);
  }

  private static String kindOf(JsonNode n) {
    return n.isMissingNode() ? "nothing" : "a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** informationWithheld of the rows generalised because another occurrence of their event is sensitive. */
  public static final String SENSITIVE_EVENT = "precise coordinates withheld: a sensitive species was recorded"
      + " during this visit; full precision only in the restricted dataset";

  /**
   * A rejection of a parsed line. The public text (personal data removed) is kept only when the submission passed its
   * schema, so that every field is a known one: a line that failed the schema may carry personal data anywhere.
   */
  private Outcome.Rejected reject(RawLine line, JsonNode doc, String submissionId, String protocol, Integer version,
      List<Violation> violations) {
    boolean structureKnown = violations.stream().noneMatch(v -> v.code().startsWith("SCHEMA_")
        || v.code().startsWith("UNKNOWN_PROTOCOL"));
    String publicText = redactor == null || doc == null || !structureKnown ? null : redactor.redact(doc);
    if (publicText != null && mentionsSensitiveTaxon(line, doc, protocol, version)) {
      // the rejected submission is published without its places: it names a sensitive species
      publicText = org.observatoire.core.privacy.PlaceFields.without(publicText);
    }
    return new Outcome.Rejected(
        line.source(), submissionId, protocol, version, violations, line.bytes(), line.byteLength(), publicText);
  }

  private boolean mentionsSensitiveTaxon(RawLine line, JsonNode doc, String protocol, Integer version) {
    try {
      ProtocolPackage pkg = catalog.packages().require(protocol);
      for (FlatOccurrence f : Flattener.flatten(doc, CelValues.of(doc), pkg, version, line.source().file(),
          line.source().line(), List.of())) {
        if (interpreter.sensitiveCellMetres(f) > 0) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return true; // cannot tell: withhold the places
    }
  }

  private static Outcome.Rejected reject(
      RawLine line, String submissionId, String protocol, Integer version, Violation violation) {
    return new Outcome.Rejected(line.source(), submissionId, protocol, version, List.of(violation), line.bytes(),
        line.byteLength(), null);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Chars decoded at a time when checking a line's UTF-8. */
  private static final int UTF8_CHECK_CHARS = 512;

  /**
   * Empty when the bytes are valid UTF-8, else where the first invalid byte is. The ASCII prefix is skipped; the rest
   * is decoded through a small buffer, refilled as often as needed (decoding a whole line at once allocated twice its
   * size in chars for every line with an accent).
   */
  static Optional<String> utf8Problem(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    if (i == bytes.length) {
      return Optional.empty();
    }
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    // an ASCII prefix ends on a character boundary, so the rest is decoded on its own
    ByteBuffer in = ByteBuffer.wrap(bytes, i, bytes.length - i);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(UTF8_CHECK_CHARS);
    java.nio.charset.CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    if (!result.isError()) {
      return Optional.empty();
    }
    int at = in.position();
    return Optional.of("the line is not valid UTF-8: invalid byte sequence at byte " + (at + 1)
        + String.format(" (0x%02X)", bytes[at] & 0xff));
  }

}
