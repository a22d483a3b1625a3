package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every notebook in notebooks/ executes headless (jupyter nbconvert) over a published sample catalog. */
class NotebookTest {
  @TempDir
  Path tmp;

  private static Path jupyter() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "jupyter-nbconvert");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError("jupyter-nbconvert is needed to execute the notebooks and was not found on PATH."
        + " Install it: apt-get install -y jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib");
  }

  @Test
  void notebooksRunOfflineOverTheCurrentRelease() throws Exception {
    Path root = Path.of(System.getProperty("observatoire.root", "../.."));
    List<Path> notebooks;
    try (Stream<Path> list = Files.list(root.resolve("notebooks"))) {
      notebooks = list.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertThat(notebooks, is(not(empty())));
    Path catalog = PublishedSample.catalog();
    long occurrences = PublishedSample.manifest().path("totals").path("occurrenceRows").asLong();
    String cli = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
        + System.getProperty("java.class.path") + " " + Observatoire.class.getName();
    for (Path nb : notebooks) {
      Path out = tmp.resolve(nb.getFileName());
      List<String> cmd = new ArrayList<>(List.of(jupyter().toString(), "--to", "notebook", "--execute",
          "--ExecutePreprocessor.timeout=600", nb.toAbsolutePath().toString(), "--output", out.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("nbconvert.log").toFile());
      pb.environment().put("OBSERVATOIRE_CATALOG", catalog.toAbsolutePath().toString());
      pb.environment().put("OBSERVATOIRE_CMD", cli);
      Process p = pb.start();
      assertThat("nbconvert finished in time", p.waitFor(15, TimeUnit.MINUTES), is(true));
      String log = Files.readString(tmp.resolve("nbconvert.log"), StandardCharsets.UTF_8);
      assertThat(nb.getFileName() + " executed:\n" + log, p.exitValue(), is(0));
      JsonNode executed = new ObjectMapper().readTree(out.toFile());
      StringBuilder text = new StringBuilder();
      for (JsonNode cell : executed.path("cells")) {
        for (JsonNode o : cell.path("outputs")) {
          assertThat(nb.getFileName() + ": no error output", o.path("output_type").asText(), not(is("error")));
          o.path("text").forEach(t -> text.append(t.asText()));
        }
      }
      if (nb.getFileName().toString().equals("release-overview.ipynb")) {
        assertThat(text.toString(), containsString("release " + PublishedSample.RELEASE + ": " + occurrences
            + " occurrences, conservation holds: True"));
      }
    }
  }
}
