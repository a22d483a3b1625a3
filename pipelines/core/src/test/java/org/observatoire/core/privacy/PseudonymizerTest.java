package org.observatoire.core.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {

  private static final String KEY_A = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final String KEY_B = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

  private static Pseudonymizer withKey(String hex) {
    return Pseudonymizer.of(PseudonymKey.fromEnvironmentOrFile(Map.of(PseudonymKey.ENV_VAR, hex), null));
  }

  @Test
  void pseudonymIsStableAndPinned() {
    Pseudonymizer p = withKey(KEY_A);
    String pseudonym = p.pseudonym("spipoll:12345");
    assertThat(pseudonym, matchesPattern("obs_[0-9a-f]{16}"));
    assertThat(withKey(KEY_A).pseudonym("spipoll:12345"), is(pseudonym)); // a new instance, same result
    // pinned across runs and machines: HMAC-SHA256 is fully specified
    assertThat(Pseudonymizer.of(PseudonymKey.sampleKeyForSampleDataOnly()).pseudonym("observer-1"),
        is("obs_046068e36c248013"));
  }

  @Test
  void differentKeysGiveDifferentPseudonyms() {
    assertThat(withKey(KEY_A).pseudonym("spipoll:12345"), not(withKey(KEY_B).pseudonym("spipoll:12345")));
    assertThat(withKey(KEY_A).pseudonym("spipoll:12345"), not(withKey(KEY_A).pseudonym("spipoll:12346")));
  }

  @Test
  void noRawIdAppearsAndNoCollisionsOnManyIds() {
    Pseudonymizer p = withKey(KEY_A);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = "user-" + i;
      String pseudonym = p.pseudonym(id);
      assertThat(pseudonym.contains(id), is(false));
      assertThat(seen.add(pseudonym), is(true));
    }
    // the raw id is not recoverable from the output: not contained, and not equal to an unkeyed hash
    String raw = "marie.dupont@example.org";
    String pseudonym = p.pseudonym(raw);
    assertThat(pseudonym, not(containsString("marie")));
    assertThat(pseudonym.substring(4), not(sha256Prefix(raw)));
  }

  @Test
  void missingKeyFailsWithAClearMessage() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PseudonymKey.fromEnvironmentOrFile(Map.of(), Path.of("/nonexistent/observatoire.key")));
    assertThat(e.getMessage(), containsString(PseudonymKey.ENV_VAR));
    assertThat(e.getMessage(), containsString("sampleKeyForSampleDataOnly"));
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> PseudonymKey.fromEnvironmentOrFile(Map.of(PseudonymKey.ENV_VAR, "abcd"), null));
    assertThat(tooShort.getMessage(), containsString("at least 32"));
    IllegalArgumentException notHex = assertThrows(IllegalArgumentException.class,
        () -> PseudonymKey.fromEnvironmentOrFile(Map.of(PseudonymKey.ENV_VAR, "my secret passphrase!"), null));
    assertThat(notHex.getMessage(), not(containsString("passphrase")));
  }

  @Test
  void keyFileOutsideARepositoryIsReadAndTheKeyNeverPrinted(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("pseudonym.key");
    Files.writeString(file, KEY_B + "\n");
    PseudonymKey key = PseudonymKey.fromEnvironmentOrFile(Map.of(), file);
    assertThat(Pseudonymizer.of(key).pseudonym("x"), is(withKey(KEY_B).pseudonym("x")));
    assertThat(key.toString(), not(containsString(KEY_B)));
    assertThat(key.toString(), not(containsString(KEY_B.substring(0, 8))));
    assertThat(key.toString(), containsString(key.keyId()));
    assertThat(Pseudonymizer.of(key).toString(), not(containsString(KEY_B.substring(0, 8))));
    // the environment wins over the file
    assertThat(PseudonymKey.fromEnvironmentOrFile(Map.of(PseudonymKey.ENV_VAR, KEY_A), file).keyId(),
        not(key.keyId()));
  }

  @Test
  void keyFileInsideAGitWorkingTreeIsRefused(@TempDir Path dir) throws IOException {
    Files.createDirectory(dir.resolve(".git"));
    Path file = dir.resolve("config").resolve("pseudonym.key");
    Files.createDirectories(file.getParent());
    Files.writeString(file, KEY_A);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PseudonymKey.fromEnvironmentOrFile(Map.of(), file));
    assertThat(e.getMessage(), containsString("inside the git working tree"));
  }

  @Test
  void sampleKeyIsClearlyMarked() {
    PseudonymKey sample = PseudonymKey.sampleKeyForSampleDataOnly();
    assertThat(sample.isSampleKey(), is(true));
    assertThat(sample.toString(), containsString("sample data only"));
  }

  private static String sha256Prefix(String s) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
