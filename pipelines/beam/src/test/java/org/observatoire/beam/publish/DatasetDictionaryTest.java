package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.SampleData;

/** The committed schemas/datasets/ files are exactly what the jobs' schemas generate: docs cannot go stale. */
class DatasetDictionaryTest {
  @Test
  void committedDictionaryMatchesTheSchemasTheJobsWriteWith() throws IOException {
    Path dir = SampleData.root().getParent().resolve("schemas/datasets");
    for (Map.Entry<String, String> f : DatasetDictionary.files().entrySet()) {
      Path file = dir.resolve(f.getKey());
      assertThat(f.getKey() + " is stale: regenerate with DatasetDictionary (see its README)",
          Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing>", equalTo(f.getValue()));
    }
  }
}
