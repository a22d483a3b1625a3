package org.observatoire.beam.publish;

import java.util.List;
import java.util.Locale;

/** meta.xml (the archive descriptor, laid out like GBIF's samples) and eml.xml (EML 2.1.1 dataset metadata). */
final class DwcaMeta {
  /**
   * What the data covers, for eml.xml. The bounds are null when no occurrence has a location (LOCATION_UNKNOWN):
   * then eml.xml gives no bounding box rather than an invented one.
   */
  record Coverage(Double south, Double north, Double west, Double east, String firstDate, String lastDate,
      long occurrences, List<String> protocols) {
    boolean hasBounds() {
      return south != null && north != null && west != null && east != null;
    }
  }

  private DwcaMeta() {}

  static String metaXml(List<String> eventTerms, List<String> occurrenceTerms) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version='1.0' encoding='utf-8'?>\n");
    b.append("<archive xmlns=\"http://rs.tdwg.org/dwc/text/\" metadata=\"eml.xml\">\n");
    b.append("  <core encoding=\"UTF-8\" fieldsTerminatedBy=\"\\t\" linesTerminatedBy=\"\\n\" fieldsEnclosedBy=\"\"")
        .append(" ignoreHeaderLines=\"1\" rowType=\"").append(DwcTerms.EVENT_ROW).append("\">\n");
    b.append("    <files>\n      <location>").append(DwcaExport.EVENT_FILE).append("</location>\n    </files>\n");
    b.append("    <id index=\"0\"/>\n");
    for (int i = 0; i < eventTerms.size(); i++) {
      field(b, i, eventTerms.get(i));
    }
    b.append("  </core>\n");
    b.append("  <extension encoding=\"UTF-8\" fieldsTerminatedBy=\"\\t\" linesTerminatedBy=\"\\n\"")
        .append(" fieldsEnclosedBy=\"\" ignoreHeaderLines=\"1\" rowType=\"").append(DwcTerms.OCCURRENCE_ROW)
        .append("\">\n");
    b.append("    <files>\n      <location>").append(DwcaExport.OCCURRENCE_FILE).append("</location>\n    </files>\n");
    b.append("    <coreid index=\"0\"/>\n");
    for (int i = 0; i < occurrenceTerms.size(); i++) {
      field(b, i + 1, occurrenceTerms.get(i));
    }
    b.append("  </extension>\n</archive>\n");
    return b.toString();
  }

  private static void field(StringBuilder b, int index, String term) {
    b.append("    <field index=\"").append(index).append("\" term=\"").append(DwcTerms.uri(term)).append("\"/>\n");
  }

  static String emlXml(DwcaExport.Metadata m, Coverage c, String releaseId, String pubDate) {
    String x = Html.esc(m.publisher());
    StringBuilder b = new StringBuilder();
    b.append("<?xml version='1.0' encoding='utf-8'?>\n");
    b.append("<eml:eml xmlns:eml=\"eml://ecoinformatics.org/eml-2.1.1\"\n")
        .append("    xmlns:dc=\"http://purl.org/dc/terms/\"\n")
        .append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
        .append("    xsi:schemaLocation=\"eml://ecoinformatics.org/eml-2.1.1 http://rs.gbif.org/schema/eml-gbif-profile/1.1/eml.xsd\"\n")
        .append("    packageId=\"observatoire/").append(Html.esc(releaseId)).append("\" system=\"observatoire\"")
        .append(" scope=\"system\" xml:lang=\"en\">\n");
    b.append("  <dataset>\n");
    b.append("    <alternateIdentifier>").append(Html.esc(releaseId)).append("</alternateIdentifier>\n");
    b.append("    <title xml:lang=\"en\">").append(Html.esc(m.title())).append("</title>\n");
    b.append("    <creator>\n      <organizationName>").append(x).append("</organizationName>\n    </creator>\n");
    b.append("    <metadataProvider>\n      <organizationName>").append(x)
        .append("</organizationName>\n    </metadataProvider>\n");
    b.append("    <pubDate>").append(Html.esc(pubDate)).append("</pubDate>\n");
    b.append("    <language>en</language>\n");
    b.append("    <abstract>\n      <para>").append(c.occurrences()).append(" curated occurrences from volunteers'")
        .append(" observations (release ").append(Html.esc(releaseId)).append("), following these protocols: ")
        .append(Html.esc(String.join("; ", c.protocols())))
        .append(". Coordinates of sensitive species are generalised (see dataGeneralizations).</para>\n")
        .append("    </abstract>\n");
    b.append("    <keywordSet>\n      <keyword>Vigie-Nature</keyword>\n      <keyword>citizen science</keyword>\n")
        .append("      <keyword>Occurrence</keyword>\n      <keyword>Samplingevent</keyword>\n    </keywordSet>\n");
    b.append("    <intellectualRights>\n      <para>").append(Html.esc(m.license())).append("</para>\n")
        .append("    </intellectualRights>\n");
    b.append("    <coverage>\n");
    if (c.hasBounds()) {
      b.append("      <geographicCoverage>\n")
          .append("        <geographicDescription>Metropolitan France</geographicDescription>\n")
          .append("        <boundingCoordinates>\n")
          .append(String.format(Locale.ROOT, "          <westBoundingCoordinate>%.5f</westBoundingCoordinate>%n"
              + "          <eastBoundingCoordinate>%.5f</eastBoundingCoordinate>%n"
              + "          <northBoundingCoordinate>%.5f</northBoundingCoordinate>%n"
              + "          <southBoundingCoordinate>%.5f</southBoundingCoordinate>%n",
              c.west(), c.east(), c.north(), c.south()))
          .append("        </boundingCoordinates>\n      </geographicCoverage>\n");
    }
    b.append("      <temporalCoverage>\n        <rangeOfDates>\n          <beginDate><calendarDate>")
        .append(Html.esc(c.firstDate())).append("</calendarDate></beginDate>\n          <endDate><calendarDate>")
        .append(Html.esc(c.lastDate())).append("</calendarDate></endDate>\n        </rangeOfDates>\n")
        .append("      </temporalCoverage>\n    </coverage>\n");
    b.append("    <contact>\n      <organizationName>").append(x).append("</organizationName>\n    </contact>\n");
    b.append("    <methods>\n");
    for (String p : c.protocols()) {
      b.append("      <methodStep>\n        <description>\n          <para>").append(Html.esc(p))
          .append("</para>\n        </description>\n      </methodStep>\n");
    }
    b.append("    </methods>\n  </dataset>\n</eml:eml>\n");
    return b.toString();
  }
}
