package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The structure rules of a Darwin Core text descriptor (meta.xml) as GBIF's sample archives show them: an
 * {@code archive} root in the dwc/text namespace; one {@code core} and any {@code extension}s, each with encoding,
 * delimiters, header lines, an absolute rowType URI and a files/location; an {@code id} (core) or {@code coreid}
 * (extension) index; fields with a unique index (or a default) and an absolute term URI.
 */
final class DwcaStructure {
  static final String NS = "http://rs.tdwg.org/dwc/text/";

  /** One file of the archive as meta.xml describes it. */
  record FileSpec(String kind, String rowType, String location, int idIndex, List<Integer> indexes,
      List<String> terms) {}

  private DwcaStructure() {}

  static List<FileSpec> check(byte[] metaXml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(metaXml));
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName(), is("archive"));
    assertThat(root.getNamespaceURI(), is(NS));
    List<FileSpec> specs = new ArrayList<>();
    int cores = 0;
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      assertThat(e.getLocalName(), anyOf(is("core"), is("extension")));
      boolean core = "core".equals(e.getLocalName());
      cores += core ? 1 : 0;
      assertThat(e.getAttribute("encoding"), is("UTF-8"));
      assertThat(e.getAttribute("fieldsTerminatedBy"), not(emptyOrNullString()));
      assertThat(e.getAttribute("linesTerminatedBy"), not(emptyOrNullString()));
      assertThat(e.hasAttribute("fieldsEnclosedBy"), is(true));
      assertThat(e.getAttribute("ignoreHeaderLines"), matchesPattern("[01]"));
      assertThat(e.getAttribute("rowType"), matchesPattern("https?://[^ ]+/[A-Za-z]+"));
      Element files = child(e, "files");
      String location = child(files, "location").getTextContent().trim();
      assertThat(location, not(emptyOrNullString()));
      Element id = child(e, core ? "id" : "coreid");
      int idIndex = Integer.parseInt(id.getAttribute("index"));
      List<Integer> indexes = new ArrayList<>();
      List<String> terms = new ArrayList<>();
      Set<Integer> seen = new HashSet<>();
      for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element field && "field".equals(field.getLocalName())) {
          assertThat(field.getAttribute("term"), matchesPattern("https?://[^ ]+/[A-Za-z]+"));
          if (field.hasAttribute("index")) {
            int index = Integer.parseInt(field.getAttribute("index"));
            assertThat("field index " + index + " used once", seen.add(index), is(true));
            indexes.add(index);
            terms.add(field.getAttribute("term"));
          } else {
            assertThat(field.hasAttribute("default"), is(true));
          }
        }
      }
      specs.add(new FileSpec(e.getLocalName(), e.getAttribute("rowType"), location, idIndex, indexes, terms));
    }
    assertThat(cores, is(1));
    return specs;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())) {
        return e;
      }
    }
    throw new AssertionError("<" + parent.getLocalName() + "> has no <" + name + ">");
  }
}
