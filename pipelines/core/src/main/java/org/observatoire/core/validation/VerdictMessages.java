package org.observatoire.core.validation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Explains a stable violation (or quality flag) code to a volunteer, in French and in English: the engine's codes
 * here, each protocol's in its package's {@code rules.json} (read through {@link CodeExplanations}). The technical
 * detail of each violation (which field, which value) stays in {@link Violation#message()}; these texts say what
 * the code means and what to do about it. Unknown codes get a generic text naming the code, never an error.
 */
public final class VerdictMessages {
  /** One explanation in both languages. */
  public record Message(String fr, String en) {
    public Message {
      Objects.requireNonNull(fr, "fr");
      Objects.requireNonNull(en, "en");
    }
  }

  private static final Map<String, Message> CODES = Map.ofEntries(
      m("EMPTY_LINE", "La soumission est vide.", "The submission is empty."),
      m("LINE_TOO_LONG", "La soumission dépasse la taille maximale acceptée.",
          "The submission is larger than the accepted maximum size."),
      m("INVALID_UTF8", "La soumission contient des caractères mal encodés (UTF-8 attendu).",
          "The submission contains badly encoded characters (UTF-8 expected)."),
      m("MALFORMED_JSON", "La soumission n'est pas un JSON valide.", "The submission is not valid JSON."),
      m("NOT_AN_OBJECT", "La soumission doit être un objet JSON.", "The submission must be a JSON object."),
      m("UNKNOWN_PROTOCOL", "Protocole absent ou inconnu.", "Missing or unknown protocol."),
      m("UNKNOWN_PROTOCOL_VERSION", "Version du protocole absente ou inconnue.",
          "Missing or unknown protocol version."),
      m("INVALID_DATE", "Une date ou une heure n'existe pas (par exemple le 30 février ou 25:10).",
          "A date or time does not exist (for example 30 February or 25:10)."),
      m("SUBMITTED_IN_FUTURE", "La date d'envoi est dans le futur.", "The submission date is in the future."),
      m("DATE_IN_FUTURE", "La date de la visite est postérieure à la date d'envoi.",
          "The visit date is after the submission date."),
      m("END_BEFORE_START", "L'heure de fin n'est pas après l'heure de début.",
          "The end time is not after the start time."),
      m("DATE_TOO_EARLY", "La date est antérieure au calendrier grégorien (1582-10-15).",
          "The date is before the Gregorian calendar (1582-10-15)."),
      m("CONTROL_CHARACTER",
          "Un identifiant ou un code contient un caractère de contrôle (saut de ligne, tabulation…).",
          "An identifier or code contains a control character (line break, tab…)."),
      m("INVALID_UNICODE", "Un texte contient un caractère Unicode invalide (substitut isolé).",
          "A text contains an invalid Unicode character (a lone surrogate)."));

  private static final Map<String, Message> SCHEMA_KEYWORDS = Map.ofEntries(
      m("REQUIRED", "Un champ obligatoire manque.", "A required field is missing."),
      m("TYPE", "Un champ n'a pas le bon type (texte, nombre, liste…).",
          "A field has the wrong type (text, number, list…)."),
      m("ENUM", "Une valeur n'est pas parmi celles autorisées.", "A value is not one of the allowed values."),
      m("CONST", "Une valeur n'est pas celle attendue.", "A value is not the expected one."),
      m("PATTERN", "Une valeur n'a pas le format attendu.", "A value does not have the expected format."),
      m("FORMAT", "Une valeur n'a pas le format attendu.", "A value does not have the expected format."),
      m("ADDITIONALPROPERTIES", "Un champ n'est pas prévu par le protocole.",
          "A field is not part of the protocol."),
      m("MINIMUM", "Une valeur est trop petite.", "A value is too small."),
      m("EXCLUSIVEMINIMUM", "Une valeur est trop petite.", "A value is too small."),
      m("MAXIMUM", "Une valeur est trop grande.", "A value is too large."),
      m("EXCLUSIVEMAXIMUM", "Une valeur est trop grande.", "A value is too large."),
      m("MINITEMS", "Une liste contient trop peu d'éléments.", "A list has too few items."),
      m("MAXITEMS", "Une liste contient trop d'éléments.", "A list has too many items."),
      m("MINLENGTH", "Un texte est trop court.", "A text is too short."),
      m("MAXLENGTH", "Un texte est trop long.", "A text is too long."));

  private VerdictMessages() {}

  /**
   * The explanation of {@code code}: the engine's own, else that of a bundled protocol package's rule, else a
   * generic one naming the code.
   */
  public static Message of(String code) {
    Objects.requireNonNull(code, "code");
    Message known = CODES.get(code);
    if (known != null) {
      return known;
    }
    Message packaged = fromPackages(code);
    if (packaged != null) {
      return packaged;
    }
    if (code.startsWith("SCHEMA_")) {
      String keyword = code.substring("SCHEMA_".length()).toUpperCase(Locale.ROOT);
      return SCHEMA_KEYWORDS.getOrDefault(keyword, new Message(
          "La soumission ne respecte pas le schéma du protocole (" + code + ").",
          "The submission does not follow the protocol's schema (" + code + ")."));
    }
    return new Message("Point à vérifier (code " + code + ").", "Something to check (code " + code + ").");
  }

  /** Whether {@code code} has its own explanation (rather than the generic one). */
  public static boolean knows(String code) {
    return CODES.containsKey(code) || fromPackages(code) != null
        || (code.startsWith("SCHEMA_") && SCHEMA_KEYWORDS.containsKey(code.substring("SCHEMA_".length())));
  }

  private static Message fromPackages(String code) {
    for (CodeExplanations source : Packaged.SOURCES) {
      Optional<Message> e = source.explain(code);
      if (e.isPresent()) {
        return e.get();
      }
    }
    return null;
  }

  /** The explanations of the protocol packages, found once on the class path. */
  private static final class Packaged {
    static final List<CodeExplanations> SOURCES = ServiceLoader.load(CodeExplanations.class,
        VerdictMessages.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
  }

  private static Map.Entry<String, Message> m(String code, String fr, String en) {
    return Map.entry(code, new Message(fr, en));
  }
}
