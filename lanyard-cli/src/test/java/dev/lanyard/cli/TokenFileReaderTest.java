package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.store.FileTokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileReaderTest {
  @TempDir Path dir;

  @Test
  void whatTheStoreWrites_readsTheSame() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    TokenSet full =
        TokenSet.builder("at-~\"quoted\\")
            .refreshToken("rt")
            .idToken("a.b.c")
            .scope(Scope.of("openid email"))
            .issuedAt(Instant.parse("2025-01-01T10:00:00.123456789Z"))
            .expiresAt(Instant.parse("1999-12-31T23:59:59Z"))
            .refreshExpiresAt(Instant.parse("2400-02-29T00:00:00.5Z"))
            .build();
    TokenSet minimal = TokenSet.builder("x").build();
    for (TokenSet t : new TokenSet[] {full, minimal}) {
      store.save(t);
      assertThat(TokenFileReader.read(store.path())).isEqualTo(store.load().orElseThrow());
    }
  }

  @Test
  void instants_likeInstantParse() {
    for (String t :
        new String[] {
          "1970-01-01T00:00:00Z",
          "2025-03-01T00:00:00Z",
          "2024-02-29T12:34:56.7Z",
          "0001-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z"
        }) {
      assertThat(TokenFileReader.instant(t)).isEqualTo(Instant.parse(t));
    }
  }

  @Test
  void anythingUnexpected_null_soTheStoreDecides() throws Exception {
    Path f = dir.resolve("f.json");
    String[] docs = {
      "",
      "[]",
      "{\"version\":2,\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
      "{\"version\":1,\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":\"\",\"issued_at\":\"yesterday\"}",
      "{\"version\":1,\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\",\"extra\":true}",
      "{\"version\":1,\"access_token\":\"\",\"token_type\":\"Bearer\",\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
      "{\"version\":1,\"access_token\":\"a\"} trailing",
    };
    for (String d : docs) {
      Files.writeString(f, d);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      assertThat(TokenFileReader.read(f)).as(d).isNull();
    }
    FileTokenStore store = FileTokenStore.at(dir.resolve("open.json"));
    store.save(TokenSet.builder("x").build());
    Files.setPosixFilePermissions(store.path(), PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(TokenFileReader.read(store.path()))
        .as("readable by others: the store warns")
        .isNull();
    assertThat(TokenFileReader.read(dir.resolve("missing.json"))).isNull();
  }
}
