package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCsvTest {

  @Test
  void aRowIsNumberedByTheLineWhereItStarts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "\uFEFFid,geometry,n\r\n1,\"{\"\"a\"\":\r\n [1,\r\n 2]}\",NA\r\n\r\n2,,3\r\n",
        StandardCharsets.UTF_8);
    ExportCsv csv = ExportCsv.read(f, ',');
    assertThat(csv.header(), contains("id", "geometry", "n"));
    assertThat(csv.rows(), hasSize(2));
    assertThat(csv.rows().get(0).line(), is(2L));
    assertThat(csv.rows().get(0).cells().get(1), is("{\"a\":\r\n [1,\r\n 2]}"));
    assertThat(csv.rows().get(1).line(), is(6L));
    assertThat(ExportCsv.cell(csv.rows().get(0), 2), is((String) null)); // NA is unknown
    assertThat(ExportCsv.cell(csv.rows().get(1), 1), is((String) null)); // so is empty
    assertThat(ExportCsv.cell(csv.rows().get(1), 2), is("3"));
  }

  @Test
  void theRealTransectsFileWithItsMultiLineGeometries() throws Exception {
    ExportCsv csv = ExportCsv.read(Fixtures.real().resolve("propage-2009-2015/transect_annee_geo.csv"), ',');
    assertThat(csv.header().get(0), is("id_transect"));
    assertThat(csv.rows(), hasSize(3));
    assertThat(csv.rows().get(2).line(), is(4L));
  }
}
