package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the protocol packages, each compiled once and shared; thread-safe. A schema's resource is its
 * path in the repository ({@code protocols/<id>/<file>}), recorded in the run manifest with its SHA-256.
 */
public final class ProtocolCatalog {
  private static final int MAX_VERSION = 999;

  private final ProtocolPackages packages;
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  /**
   * {@code format} is an annotation (2020-12's default, protocols/SCHEMAS.md): the patterns say what a date-time
   * looks like and the rules ({@code INVALID_DATE}) whether it exists, so RFC 3339 times networknt's format check
   * refuses ({@code -00:00}, nanoseconds) are judged like any other.
   */
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false).build();
  private final Map<String, Optional<ProtocolSchema>> cache = new ConcurrentHashMap<>();

  private ProtocolCatalog(ProtocolPackages packages) {
    this.packages = packages;
  }

  /** The catalog over the bundled packages. */
  public static ProtocolCatalog fromClasspath() {
    return new ProtocolCatalog(ProtocolPackages.bundled());
  }

  /** The catalog over the schemas of {@code packages}. */
  public static ProtocolCatalog of(ProtocolPackages packages) {
    return new ProtocolCatalog(packages);
  }

  public ProtocolPackages packages() {
    return packages;
  }

  /** The ids of the known protocols, sorted. */
  public List<String> protocols() {
    return packages.ids();
  }

  /** Whether a package of this protocol exists. */
  public boolean knowsProtocol(String protocol) {
    return packages.get(protocol).isPresent();
  }

  /** The schema for a protocol at a version, or empty when there is none. */
  public Optional<ProtocolSchema> schema(String protocol, int version) {
    if (protocol == null || version < 1 || version > MAX_VERSION || packages.get(protocol).isEmpty()) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(protocol + "@" + version, k -> load(protocol, version));
  }

  /** Every version of a protocol that has a schema, ascending. */
  public List<Integer> versions(String protocol) {
    return packages.get(protocol).map(p -> p.schemas().keySet().stream().sorted().toList()).orElse(List.of());
  }

  /** Every known schema, by protocol then version. */
  public Map<String, List<ProtocolSchema>> all() {
    Map<String, List<ProtocolSchema>> all = new TreeMap<>();
    for (String p : protocols()) {
      all.put(p, versions(p).stream().map(v -> schema(p, v).orElseThrow()).toList());
    }
    return all;
  }

  private Optional<ProtocolSchema> load(String protocol, int version) {
    ProtocolPackage.SchemaFile file = packages.get(protocol).orElseThrow().schemas().get(version);
    if (file == null) {
      return Optional.empty();
    }
    String resource = "protocols/" + protocol + "/" + file.path();
    try {
      JsonNode node = mapper.readTree(file.bytes());
      String id = node.path("$id").asText(resource);
      return Optional.of(new ProtocolSchema(protocol, version, id, resource, sha256(file.bytes()),
          factory.getSchema(node, config)));
    } catch (IOException e) {
      throw new PackageException(resource + ": not valid JSON (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      throw new PackageException(resource + ": not a usable JSON Schema (" + e.getMessage() + ")", e);
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
