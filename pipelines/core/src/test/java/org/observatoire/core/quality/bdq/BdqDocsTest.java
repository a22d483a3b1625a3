package org.observatoire.core.quality.bdq;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BdqDocsTest {

    @Test
    void theCommittedReferencePageIsTheRegistrys() throws IOException {
        String generated = BdqDocs.markdown(BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 12, 7))));
        assertThat("docs/bdq-tests.md is stale: regenerate it with ./observatoire bdq --list-tests > docs/bdq-tests.md",
                Files.readString(Path.of("../../docs/bdq-tests.md"), StandardCharsets.UTF_8), equalTo(generated));
    }
}
