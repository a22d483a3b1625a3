package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a line stops being UTF-8, also past the first chunk the check decodes at a time. */
class Utf8ProblemTest {
  private static byte[] bytes(String text, int... tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    for (int b : tail) {
      out.write(b);
    }
    return out.toByteArray();
  }

  private static Optional<String> at(int position, int value) {
    return Optional.of("the line is not valid UTF-8: invalid byte sequence at byte " + position
        + String.format(" (0x%02X)", value));
  }

  @Test
  void validTextHasNoProblem() {
    assertThat(SubmissionProcessor.utf8Problem(bytes("{\"a\":\"plain\"}")), equalTo(Optional.empty()));
    assertThat(SubmissionProcessor.utf8Problem(bytes("{\"vernacularName\":\"Mésange charbonnière 𝄞 Œdème\"}")),
        equalTo(Optional.empty()));
    String long_ = "é𝄞".repeat(2_000); // thousands of chars: many chunks, pairs of chars across their ends
    assertThat(SubmissionProcessor.utf8Problem(bytes("{\"x\":\"" + long_ + "\"}")), equalTo(Optional.empty()));
  }

  @Test
  void theFirstInvalidByteIsNamedWhereverItIs() {
    assertThat(SubmissionProcessor.utf8Problem(bytes("ab", 0xFF, 'c')), equalTo(at(3, 0xFF)));
    assertThat(SubmissionProcessor.utf8Problem(bytes("é", 0x80)), equalTo(at(3, 0x80))); // lone continuation
    assertThat(SubmissionProcessor.utf8Problem(bytes("x", 0xC0, 0xAF)), equalTo(at(2, 0xC0))); // overlong '/'
    assertThat(SubmissionProcessor.utf8Problem(bytes("ok ", 0xE2, 0x82)), equalTo(at(4, 0xE2))); // cut at the end
    String prefix = "{\"x\":\"" + "é𝄞".repeat(1_000); // 3 + 6,000 bytes... then the bad one
    int offset = prefix.getBytes(StandardCharsets.UTF_8).length;
    assertThat(SubmissionProcessor.utf8Problem(bytes(prefix, 0xED, 0xA0, 0x80)), equalTo(at(offset + 1, 0xED)));
  }
}
