package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ExportDwcaCommandTest {
  @TempDir
  static Path tmp;
  static Map<String, byte[]> entries = new HashMap<>();

  @BeforeAll
  static void export() throws Exception {
    Path zip = tmp.resolve("observatoire-dwca.zip");
    int code = Observatoire.commandLine().execute("export-dwca", "--catalog", PublishedSample.catalog().toString(),
        "--output", zip.toString());
    assertThat(code, is(0));
    try (ZipInputStream in = new ZipInputStream(java.nio.file.Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = ExportDwcaCommandTest.class.getResourceAsStream("/dwca-samples/" + name)) {
      return in.readAllBytes();
    }
  }

  private static List<String[]> rows(String file) {
    List<String[]> rows = new ArrayList<>();
    for (String line : new String(entries.get(file), StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  @Test
  void theStructureRulesHoldForGbifSamples() throws Exception {
    List<DwcaStructure.FileSpec> taxon = DwcaStructure.check(resource("taxon-meta.xml"));
    assertThat(taxon.get(0).rowType(), is("http://rs.tdwg.org/dwc/terms/Taxon"));
    assertThat(taxon, hasSize(3));
    List<DwcaStructure.FileSpec> occ = DwcaStructure.check(resource("occurrence-meta.xml"));
    assertThat(occ.get(0).location(), is("DarwinCore.txt"));
  }

  @Test
  void anEventCoreWithAnOccurrenceExtension() throws Exception {
    assertThat(entries.keySet(), is(Set.of("meta.xml", "eml.xml", "event.txt", "occurrence.txt")));
    List<DwcaStructure.FileSpec> specs = DwcaStructure.check(entries.get("meta.xml"));
    assertThat(specs.stream().map(DwcaStructure.FileSpec::kind).toList(), contains("core", "extension"));
    DwcaStructure.FileSpec core = specs.get(0);
    DwcaStructure.FileSpec ext = specs.get(1);
    assertThat(core.rowType(), is("http://rs.tdwg.org/dwc/terms/Event"));
    assertThat(core.location(), is("event.txt"));
    assertThat(ext.rowType(), is("http://rs.tdwg.org/dwc/terms/Occurrence"));
    assertThat(ext.location(), is("occurrence.txt"));
    assertThat(ext.idIndex(), is(0));
    assertThat(ext.terms(), hasItem("http://rs.tdwg.org/dwc/terms/occurrenceID"));
    assertThat(ext.terms(), hasItem("http://rs.tdwg.org/dwc/terms/scientificName"));
    assertThat(core.terms(), hasItem("http://rs.tdwg.org/dwc/terms/samplingProtocol"));
    for (DwcaStructure.FileSpec spec : specs) {
      assertThat(spec.terms(), everyItem(startsWith("http://rs.tdwg.org/dwc/terms/")));
      // every declared column is in the file's header, named by the term, at its index
      String[] header = rows(spec.location()).get(0);
      for (int i = 0; i < spec.indexes().size(); i++) {
        String term = spec.terms().get(i);
        assertThat(header[spec.indexes().get(i)], is(term.substring(term.lastIndexOf('/') + 1)));
      }
      int width = header.length;
      assertThat(spec.location() + ": every row has the header's width",
          rows(spec.location()).stream().allMatch(r -> r.length == width), is(true));
    }
  }

  @Test
  void countsEqualThePublicOccurrencesAndEveryOccurrenceHasItsEvent() throws Exception {
    long published = PublishedSample.manifest().path("outputs").path("occurrences").path("rows").asLong();
    List<String[]> occurrences = rows("occurrence.txt");
    assertThat((long) occurrences.size() - 1, is(published));
    List<String[]> events = rows("event.txt");
    Set<String> eventIds = new HashSet<>();
    for (String[] e : events.subList(1, events.size())) {
      assertThat("event id " + e[0] + " is unique", eventIds.add(e[0]), is(true));
    }
    Set<String> occurrenceIds = new HashSet<>();
    for (String[] o : occurrences.subList(1, occurrences.size())) {
      assertThat("the event of occurrence " + o[1], eventIds.contains(o[0]), is(true));
      occurrenceIds.add(o[1]);
    }
    assertThat((long) occurrenceIds.size(), is(published));
    // STOC point counts refer to their visit: the parent event is in the core too
    int parent = List.of(events.get(0)).indexOf("parentEventID");
    long children = 0;
    for (String[] e : events.subList(1, events.size())) {
      if (!e[parent].isEmpty()) {
        children++;
        assertThat("parent event " + e[parent], eventIds.contains(e[parent]), is(true));
      }
    }
    assertThat("STOC points with a parent visit", children > 0, is(true));
  }

  @Test
  void onlyPublicDarwinCoreColumnsLeave() {
    List<String> header = List.of(rows("occurrence.txt").get(0));
    for (String internal : List.of("sourceFile", "sourceLine", "submissionId", "submittedAt", "protocol")) {
      assertThat(header, not(hasItem(internal)));
    }
  }

  @Test
  void emlDescribesTheDataset() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document eml = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(entries.get("eml.xml")));
    assertThat(eml.getDocumentElement().getNamespaceURI(), is("eml://ecoinformatics.org/eml-2.1.1"));
    assertThat(eml.getElementsByTagName("title").item(0).getTextContent(), startsWith("Observatoire"));
    assertThat(eml.getElementsByTagName("alternateIdentifier").item(0).getTextContent(), is(PublishedSample.RELEASE));
    assertThat(eml.getElementsByTagName("pubDate").getLength(), is(1));
    assertThat(eml.getElementsByTagName("methodStep").getLength() > 0, is(true));
    assertThat(eml.getElementsByTagName("westBoundingCoordinate").getLength(), is(1));
  }
}
