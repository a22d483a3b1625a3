package org.observatoire.core.geo.region;

/** A French administrative area: INSEE code ({@code 29}, {@code 2A}; région {@code 53}) and name. */
public record AdminArea(String code, String name) {

  public AdminArea {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("administrative area code must not be blank");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("administrative area name must not be blank (code " + code + ")");
    }
  }

  public static AdminArea of(String code, String name) {
    return new AdminArea(code, name);
  }
}
