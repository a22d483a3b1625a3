package org.observatoire.generator;

/** A real commune centre of metropolitan France, used as the anchor of a synthetic site. */
record Commune(String name, String departement, double latitude, double longitude) {
  Commune {
    if (latitude < 41 || latitude > 51.2 || longitude < -5.3 || longitude > 9.7) {
      throw new IllegalArgumentException("commune " + name + " is outside metropolitan France: " + latitude + ", " + longitude);
    }
    if (!departement.matches("[0-9]{2}|2[AB]")) {
      throw new IllegalArgumentException("bad département code for " + name + ": " + departement);
    }
  }

  /** Two digits for the STOC square number (Corsica's 2A/2B count as 20). */
  String departementDigits() {
    return departement.startsWith("2") && !Character.isDigit(departement.charAt(1)) ? "20" : departement;
  }
}
