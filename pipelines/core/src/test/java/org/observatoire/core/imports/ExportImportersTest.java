package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class ExportImportersTest {
  @Test
  void theFormatsAreFoundWithServiceLoader() {
    assertThat(ExportImporters.all().keySet(), contains("propage-export", "vigie-chiro-participation"));
    assertThat(ExportImporters.find("propage-export").orElseThrow(), instanceOf(PropageExportImporter.class));
    assertThat(ExportImporters.find("propage").isPresent(), is(false));
  }
}
