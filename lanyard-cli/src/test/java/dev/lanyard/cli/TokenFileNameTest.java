package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.store.FileTokenStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenFileNameTest {
  @Test
  void sameNameAsTheCoreStore() {
    String[][] identities = {
      {"https://id.example.org/realms/lab", "lab-cli", "default"},
      {"static", "none", "p"},
      {"https://ünïcode.example/" + "x".repeat(300), "c", "a-much-longer-profile-name"},
    };
    for (String[] i : identities) {
      assertThat(TokenFileName.of(i[0], i[1], i[2]))
          .isEqualTo(FileTokenStore.fileName(i[0], i[1], i[2]));
    }
  }

  @Test
  void sha256_matchesTheJdk_acrossBlockBoundaries() throws Exception {
    Random random = new Random(15);
    for (int length = 0; length < 300; length++) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      int[] h = TokenFileName.sha256(message);
      StringBuilder hex = new StringBuilder();
      for (int word : h) {
        hex.append(String.format("%08x", word));
      }
      assertThat(hex.toString())
          .as("length %d", length)
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message)));
    }
  }

  @Test
  void emptyPart_sameMessageAsCore() {
    assertThatThrownBy(() -> TokenFileName.of("", "c", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("issuer must not be empty");
  }
}
