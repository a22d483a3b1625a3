package org.observatoire.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;
import org.observatoire.core.ids.Hashing;

/**
 * Removes place-like keys (coordinates, geometry, site, point, station, address, street…) from a row's
 * {@code dynamicProperties} (a JSON object of the submitted element's other fields) before a generalised row is
 * published: such a key could locate the record more finely than its cell or link it to a known site.
 */
public final class PlaceFields {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PLACE_KEY = Pattern.compile(
      ".*(lat|lon|lng|coord|geom|geo|wkt|point|site|station|location|locality|lieu|address|adresse|street|rue|"
          + "commune|insee|postal|transect|square|carre|maille|gps|utm|lambert|altitude|elevation).*|x|y|z");

  private PlaceFields() {}

  /** The JSON text without place-like keys at any depth; null or non-JSON text gives null. */
  public static String without(String dynamicProperties) {
    if (dynamicProperties == null) {
      return null;
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(dynamicProperties);
    } catch (IOException e) {
      return null;
    }
    if (!(node instanceof ObjectNode o)) {
      return null;
    }
    strip(o);
    return o.isEmpty() ? null : Hashing.canonical(o);
  }

  /** Whether a key names a place (case-insensitive). */
  public static boolean isPlaceKey(String key) {
    return PLACE_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        if (isPlaceKey(it.next())) {
          it.remove();
        }
      }
      o.forEach(PlaceFields::strip);
    } else if (node.isArray()) {
      node.forEach(PlaceFields::strip);
    }
  }
}
