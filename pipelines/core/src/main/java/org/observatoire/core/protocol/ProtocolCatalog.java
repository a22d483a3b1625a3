package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The protocol schemas shipped in the core jar ({@code observatoire/schemas/protocols/<protocol>/v<N>.schema.json},
 * copied from the repository's {@code schemas/} folder at build time). Each schema is compiled once and shared;
 * thread-safe.
 */
public final class ProtocolCatalog {
  /** Folder names of the protocols this build knows. Their schemas live under {@code schemas/protocols/}. */
  public static final List<String> PROTOCOLS =
      List.of("stoc-eps", "spipoll", "vigie-chiro", "propage", "sauvages-de-ma-rue", "oiseaux-des-jardins");

  private static final String ROOT = "observatoire/schemas/";
  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,40}");
  private static final int MAX_VERSION = 999;

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true).build();
  private final Map<String, Optional<ProtocolSchema>> cache = new ConcurrentHashMap<>();

  private ProtocolCatalog() {}

  /** The catalog over the schemas on the classpath. */
  public static ProtocolCatalog fromClasspath() {
    return new ProtocolCatalog();
  }

  /** Whether any version of this protocol has a schema. */
  public boolean knowsProtocol(String protocol) {
    return schema(protocol, 1).isPresent() || !versions(protocol).isEmpty();
  }

  /** The schema for a protocol at a version, or empty when there is none. */
  public Optional<ProtocolSchema> schema(String protocol, int version) {
    if (protocol == null || !SLUG.matcher(protocol).matches() || version < 1 || version > MAX_VERSION) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(protocol + "@" + version, k -> load(protocol, version));
  }

  /** Every version of a protocol that has a schema, ascending (versions are numbered from 1 without gaps). */
  public List<Integer> versions(String protocol) {
    java.util.ArrayList<Integer> found = new java.util.ArrayList<>();
    for (int v = 1; v <= MAX_VERSION && schema(protocol, v).isPresent(); v++) {
      found.add(v);
    }
    return List.copyOf(found);
  }

  /** Every known schema, by protocol then version. */
  public Map<String, List<ProtocolSchema>> all() {
    Map<String, List<ProtocolSchema>> all = new TreeMap<>();
    for (String p : PROTOCOLS) {
      all.put(p, versions(p).stream().map(v -> schema(p, v).orElseThrow()).toList());
    }
    return all;
  }

  private Optional<ProtocolSchema> load(String protocol, int version) {
    String resource = "protocols/" + protocol + "/v" + version + ".schema.json";
    try (InputStream in = ProtocolCatalog.class.getClassLoader().getResourceAsStream(ROOT + resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      JsonNode node = mapper.readTree(bytes);
      String id = node.path("$id").asText(resource);
      return Optional.of(
          new ProtocolSchema(protocol, version, id, resource, sha256(bytes), factory.getSchema(node, config)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema " + resource + ": " + e.getMessage(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
