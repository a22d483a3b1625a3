package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class ExportImportersTest {
  @Test
  void theFormatsAreThoseThePackagesDescribe() {
    assertThat(ExportImporters.all().keySet(), contains("propage-export", "vigie-chiro-participation"));
    ExportImporter propage = ExportImporters.find("propage-export").orElseThrow();
    assertThat(propage, instanceOf(DescribedImporter.class));
    assertThat(((DescribedImporter) propage).protocol(), is("propage"));
    assertThat(((DescribedImporter) ExportImporters.find("vigie-chiro-participation").orElseThrow()).protocol(),
        is("vigie-chiro"));
    assertThat(ExportImporters.find("propage").isPresent(), is(false));
  }
}
