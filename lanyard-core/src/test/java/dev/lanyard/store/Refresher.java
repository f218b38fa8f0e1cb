package dev.lanyard.store;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.grant.TokenSets;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A separate process that refreshes the tokens in a file over and over, each refresh inside the
 * store's exclusive section, with a short random pause between (as processes that use their tokens
 * do), until it is killed; exits 3 when the provider refuses the grant.
 */
final class Refresher {
  private Refresher() {}

  public static void main(String[] args) {
    FileTokenStore store = FileTokenStore.at(Path.of(args[0]));
    TokenEndpoint endpoint =
        new TokenEndpoint(
            URI.create(args[1]),
            ClientAuthentication.none("app"),
            Transport.builder().maxRetries(0).build(),
            InstantSource.system(),
            Duration.ofMinutes(5));
    try {
      while (true) {
        store.update(
            current -> {
              TokenSet old = current.orElseThrow();
              TokenSet fresh =
                  endpoint.fetch(
                      TokenRequests.refresh(old.refreshToken().orElseThrow(), Scope.EMPTY));
              return TokenSets.mergeRefreshed(old, fresh);
            });
        Thread.sleep(ThreadLocalRandom.current().nextInt(300)); // using the token for a while
      }
    } catch (Exception e) {
      System.exit(3);
    }
  }
}
