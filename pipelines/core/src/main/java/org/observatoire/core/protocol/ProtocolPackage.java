package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.observatoire.core.protocol.expr.CelValues;
import org.observatoire.core.validation.VerdictMessages;
import org.observatoire.core.validation.Violation;

/**
 * One protocol package: a folder a programme's coordinator writes, holding {@code protocol.json} (the manifest), the
 * versioned JSON Schemas, the cross-field rules ({@code rules.json}, CEL), the checklist ({@code checklist.csv}),
 * optionally count expectations, and examples. See {@code protocols/README.md} for the layout. Immutable.
 */
public final class ProtocolPackage {
  /** Biodiversity packages get taxon matching, BDQ and Darwin Core; civic ones (street reports...) do not. */
  public enum Kind { BIODIVERSITY, CIVIC }

  /** A schema file of the package, as bytes, with its path relative to the package folder. */
  public record SchemaFile(int version, String path, byte[] bytes) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String id;
  private final String version;
  private final Kind kind;
  private final VerdictMessages.Message title;
  private final Map<Integer, SchemaFile> schemas;
  private final List<PackageRule> rules;
  private final PackageMapping mapping;
  private final Path folder;
  private final String checklist;
  private final String countExpectations;

  private ProtocolPackage(String id, String version, Kind kind, VerdictMessages.Message title,
      Map<Integer, SchemaFile> schemas, List<PackageRule> rules, PackageMapping mapping, Path folder,
      String checklist, String countExpectations) {
    this.id = id;
    this.version = version;
    this.kind = kind;
    this.title = title;
    this.schemas = schemas;
    this.rules = rules;
    this.mapping = mapping;
    this.folder = folder;
    this.checklist = checklist;
    this.countExpectations = countExpectations;
  }

  /**
   * Reads the package in {@code folder}.
   *
   * @throws PackageException naming the file and what is wrong with it
   */
  public static ProtocolPackage read(Path folder) {
    Path manifestFile = folder.resolve("protocol.json");
    String where = display(manifestFile);
    JsonNode m = json(manifestFile);
    String id = m.path("id").asText("");
    if (!id.matches("[a-z][a-z0-9-]{1,40}")) {
      throw new PackageException(where + ": \"id\" must be lower-case letters, digits and -, 2 to 41 characters");
    }
    String folderName = folder.getFileName() == null ? id : folder.getFileName().toString().replace("/", "");
    if (!folderName.equals(id)) {
      throw new PackageException(where + ": \"id\" is \"" + id + "\" but the folder is named \"" + folderName + "\"");
    }
    String version = m.path("version").asText("");
    if (!version.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
      throw new PackageException(where + ": \"version\" must be a semantic version such as 1.0.0");
    }
    Kind kind = switch (m.path("kind").asText("")) {
      case "biodiversity" -> Kind.BIODIVERSITY;
      case "civic" -> Kind.CIVIC;
      default -> throw new PackageException(where + ": \"kind\" must be \"biodiversity\" or \"civic\"");
    };
    JsonNode t = m.path("title");
    if (!t.path("fr").isTextual() || !t.path("en").isTextual()) {
      throw new PackageException(where + ": \"title\" needs \"fr\" and \"en\"");
    }
    Map<Integer, SchemaFile> schemas = new TreeMap<>();
    for (JsonNode s : m.path("schemas")) {
      int v = s.path("version").asInt(0);
      String path = s.path("file").asText("");
      if (v < 1 || path.isEmpty()) {
        throw new PackageException(where + ": each of \"schemas\" needs a \"version\" (1, 2...) and a \"file\"");
      }
      schemas.put(v, new SchemaFile(v, path, bytes(folder.resolve(path))));
    }
    if (schemas.isEmpty()) {
      throw new PackageException(where + ": \"schemas\" lists no schema");
    }
    List<PackageRule> rules = new ArrayList<>();
    if (m.hasNonNull("rules")) {
      Path rulesFile = folder.resolve(m.get("rules").asText());
      for (JsonNode r : json(rulesFile).path("rules")) {
        rules.add(PackageRule.parse(r, display(rulesFile)));
      }
    }
    String checklist = m.hasNonNull("checklist") ? m.get("checklist").asText() : null;
    if (kind == Kind.BIODIVERSITY && checklist == null) {
      throw new PackageException(where + ": a biodiversity package needs a \"checklist\"");
    }
    return new ProtocolPackage(id, version, kind,
        new VerdictMessages.Message(t.get("fr").asText(), t.get("en").asText()), Map.copyOf(schemas),
        List.copyOf(rules), PackageMapping.parse(m, where), folder, checklist,
        m.hasNonNull("countExpectations") ? m.get("countExpectations").asText() : null);
  }

  public String id() {
    return id;
  }

  /** The package's own version (semantic), recorded in the run manifest and on published events. */
  public String version() {
    return version;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isBiodiversity() {
    return kind == Kind.BIODIVERSITY;
  }

  public VerdictMessages.Message title() {
    return title;
  }

  public Map<Integer, SchemaFile> schemas() {
    return schemas;
  }

  public List<PackageRule> rules() {
    return rules;
  }

  public PackageMapping mapping() {
    return mapping;
  }

  /** The package folder (on disk, or inside the jar). */
  public Path folder() {
    return folder;
  }

  /** The checklist file, if the package has one. */
  public Optional<Path> checklistFile() {
    return checklist == null ? Optional.empty() : Optional.of(folder.resolve(checklist));
  }

  /** The count expectations file, if the package has one. */
  public Optional<Path> countExpectationsFile() {
    return countExpectations == null ? Optional.empty() : Optional.of(folder.resolve(countExpectations));
  }

  /** The explanation of one of the package's rule codes, if it has that code. */
  public Optional<VerdictMessages.Message> explanation(String code) {
    return rules.stream().filter(r -> r.code().equals(code)).map(PackageRule::explanation).findFirst();
  }

  /** The package's rules checked on a schema-valid submission, in the order of {@code rules.json}. */
  public RuleResult check(JsonNode submission) {
    return checkValues(CelValues.of(submission));
  }

  /** The same, on the submission already turned into CEL values ({@link CelValues#of}). */
  public RuleResult checkValues(Object s) {
    List<Violation> rejections = new ArrayList<>();
    List<Violation> flags = new ArrayList<>();
    for (PackageRule r : rules) {
      r.check(s, r.severity() == Severity.REJECT ? rejections : flags);
    }
    return new RuleResult(List.copyOf(rejections), List.copyOf(flags));
  }

  static JsonNode json(Path file) {
    try {
      return MAPPER.readTree(bytes(file));
    } catch (IOException e) {
      throw new PackageException(display(file) + ": not valid JSON (" + originalMessage(e) + ")", e);
    }
  }

  private static String originalMessage(IOException e) {
    return e.getMessage();
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PackageException(display(file) + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  static String display(Path file) {
    return file.toUri().getScheme().equals("jar") ? "bundled " + file : file.toString();
  }

  @Override
  public String toString() {
    return id + " " + version;
  }
}
