package dev.lanyard.keychain;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.session.TokenSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child JVM of {@link CrossProcessKeyringTest}: {@code <lockFile> <account> <tokenEndpoint>}.
 * Prints {@code ready}; then for every line on stdin asks a new session on the keychain store for a
 * token and prints it, until stdin closes.
 */
public final class RefreshChild {
  private RefreshChild() {}

  public static void main(String[] args) throws Exception {
    KeychainTokenStore store = KeychainTokenStore.open(Path.of(args[0]), args[1]);
    URI endpoint = URI.create(args[2]);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    while (in.readLine() != null) {
      TokenSession session =
          TokenSession.builder()
              .tokenEndpoint(endpoint)
              .client(ClientAuthentication.none("cli"))
              .store(store)
              .build();
      System.out.println(session.token().accessToken());
      System.out.flush();
    }
    // The D-Bus library's threads are not daemons: end the JVM explicitly.
    System.exit(0);
  }
}
