package org.observatoire.core.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Content-derived keys for occurrences, all SHA-256 based and stable across runs, machines and JVMs.
 *
 * <p>Every hash is over a domain tag (so two kinds of keys never collide) followed by the fields, each written as a
 * 4-byte big-endian length then its UTF-8 bytes (so {@code ("ab","c")} and {@code ("a","bc")} differ).
 *
 * <ul>
 *   <li>{@link #occurrenceId}: a UUID string (RFC 9562 version 8, "custom": the first 128 bits of the SHA-256 with the
 *       version and variant bits set), for Darwin Core {@code occurrenceID}. It is derived from (protocol,
 *       submissionId, observation index): a corrected re-submission (same submissionId, which replaces the earlier
 *       one) keeps its occurrenceIDs as long as the app keeps the order of observations.
 *   <li>{@link #repeatKey}: 32 hex characters (128 bits); the same occurrence listed twice in one submission (same
 *       accepted taxon and the same protocol discriminators, e.g. STOC point and distance band) has the same key.
 *   <li>{@link #nearDuplicateKey}: 32 hex characters; same protocol, same accepted taxon, same day, same ~100 m cell
 *       across observers and submissions. Use it to <em>flag</em> near-duplicates, never to remove them. Two points a
 *       few metres apart can straddle a cell edge: join on {@link #nearDuplicateProbeKeys} (the 3×3 block around the
 *       point) against the others' {@link #nearDuplicateKey} to catch those too.
 * </ul>
 */
public final class OccurrenceKeys {

  /** Size of the near-duplicate grid cell, metres (north–south exact, east–west at the row's central latitude). */
  public static final double NEAR_DUPLICATE_CELL_METRES = 100.0;

  private static final double METRES_PER_DEGREE = 111_320.0;
  private static final double CELL_DEGREES = NEAR_DUPLICATE_CELL_METRES / METRES_PER_DEGREE;
  private static final HexFormat HEX = HexFormat.of();

  private OccurrenceKeys() {}

  public static String occurrenceId(String protocol, String submissionId, int observationIndex) {
    requireText(protocol, "protocol");
    requireText(submissionId, "submissionId");
    if (observationIndex < 0) {
      throw new IllegalArgumentException("observationIndex must be >= 0, got " + observationIndex);
    }
    byte[] h = sha256("observatoire/occurrenceID/v1", protocol, submissionId, Integer.toString(observationIndex));
    h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC variant
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new java.util.UUID(b.getLong(), b.getLong()).toString();
  }

  /**
   * @param discriminators the protocol fields that tell two genuine observations of one taxon apart in a submission
   *     (STOC: {@code pointNumber}, {@code distanceBand}; Vigie-Chiro: {@code fileName}; Oiseaux des jardins: none)
   */
  public static String repeatKey(String protocol, String submissionId, String acceptedTaxonKey,
      Map<String, String> discriminators) {
    requireText(protocol, "protocol");
    requireText(submissionId, "submissionId");
    requireText(acceptedTaxonKey, "acceptedTaxonKey");
    List<String> fields = new ArrayList<>(List.of(protocol, submissionId, acceptedTaxonKey));
    SortedMap<String, String> sorted = new TreeMap<>(Objects.requireNonNull(discriminators, "discriminators"));
    sorted.forEach((k, v) -> {
      fields.add(k);
      fields.add(v == null ? "" : v);
    });
    return hex128(sha256("observatoire/repeat/v1", fields.toArray(new String[0])));
  }

  public static String nearDuplicateKey(String protocol, String acceptedTaxonKey, LocalDate date, double latitude,
      double longitude) {
    long[] cell = nearDuplicateCell(latitude, longitude);
    return cellKey(protocol, acceptedTaxonKey, date, cell[0], cell[1]);
  }

  /** The keys of the 3×3 cells around the point (its own first), to probe for neighbours across cell edges. */
  public static List<String> nearDuplicateProbeKeys(String protocol, String acceptedTaxonKey, LocalDate date,
      double latitude, double longitude) {
    long[] cell = nearDuplicateCell(latitude, longitude);
    List<String> keys = new ArrayList<>(9);
    keys.add(cellKey(protocol, acceptedTaxonKey, date, cell[0], cell[1]));
    for (int dr = -1; dr <= 1; dr++) {
      long row = cell[0] + dr;
      double rowLat = (row + 0.5) * CELL_DEGREES;
      double cos = Math.max(Math.cos(Math.toRadians(rowLat)), 1e-6);
      long col = (long) Math.floor(longitude * cos / CELL_DEGREES); // neighbouring rows have their own columns
      for (int dc = -1; dc <= 1; dc++) {
        if (dr == 0 && dc == 0) {
          continue;
        }
        keys.add(cellKey(protocol, acceptedTaxonKey, date, row, col + dc));
      }
    }
    return keys;
  }

  /** {row, column} of the ~100 m cell: rows of constant latitude step, columns scaled by the row's cos(latitude). */
  public static long[] nearDuplicateCell(double latitude, double longitude) {
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("coordinate out of range: " + latitude + ", " + longitude);
    }
    long row = (long) Math.floor(latitude / CELL_DEGREES);
    double rowLat = (row + 0.5) * CELL_DEGREES;
    double cos = Math.max(Math.cos(Math.toRadians(rowLat)), 1e-6);
    long col = (long) Math.floor(longitude * cos / CELL_DEGREES);
    return new long[] {row, col};
  }

  private static String cellKey(String protocol, String taxonKey, LocalDate date, long row, long col) {
    requireText(protocol, "protocol");
    requireText(taxonKey, "acceptedTaxonKey");
    Objects.requireNonNull(date, "date");
    return hex128(sha256("observatoire/near-duplicate/v1", protocol, taxonKey, date.toString(), Long.toString(row),
        Long.toString(col)));
  }

  static byte[] sha256(String domain, String... fields) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    update(md, domain);
    for (String f : fields) {
      update(md, f);
    }
    return md.digest();
  }

  private static void update(MessageDigest md, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md.update(bytes);
  }

  private static String hex128(byte[] hash) {
    return HEX.formatHex(hash, 0, 16);
  }

  private static void requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
