package dev.lanyard.it;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.RedisTokenStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * One replica of {@link RedisFleetTest}, sharing nothing with the others but Redis. Mode {@code
 * run}: asks a session on the Redis store for a token every 50 ms until the deadline, checks each
 * new token at the userinfo endpoint, prints one {@code RESULT} line. Mode {@code hold}: enters the
 * fleet-wide section, prints {@code HOLDING} and never leaves (the test kills it with kill -9).
 */
public final class RedisFleetWorker {
  private RedisFleetWorker() {}

  static final Duration LEASE = Duration.ofSeconds(3);

  static RedisStore connect(String uri, String key) throws java.io.IOException {
    return RedisStore.builder(uri)
        .keyPrefix("fleet:")
        .lease(LEASE)
        .lockTimeout(Duration.ofSeconds(20))
        .keys(StoreKeys.parse(key))
        .connect();
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String redisUri = args[1];
    URI issuer = URI.create(args[2]);
    String clientId = args[3];
    long seconds = Long.parseLong(args[4]);
    String id = args[5];
    String key = System.getenv("FLEET_STORE_KEY"); // never argv
    RedisStore redis = connect(redisUri, key);
    RedisTokenStore store = redis.forKey(id);
    if (mode.equals("hold")) {
      store.update(
          current -> {
            System.out.println("HOLDING");
            System.out.flush();
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return current.orElseThrow();
          });
      return;
    }
    long deadline = System.currentTimeMillis() + seconds * 1000;
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer)
            .client(ClientAuthentication.none(clientId))
            .store(store)
            .skew(Duration.ofSeconds(2))
            .refreshAhead(Duration.ofSeconds(1))
            .build();
    HttpClient http = HttpClient.newHttpClient();
    URI userinfo = URI.create(issuer + "/protocol/openid-connect/userinfo");
    Set<String> tokens = new HashSet<>();
    int calls = 0;
    int failures = 0;
    int rejected = 0;
    while (System.currentTimeMillis() < deadline) {
      calls++;
      try {
        TokenSet t = session.token();
        if (tokens.add(t.accessToken())) {
          HttpRequest r =
              HttpRequest.newBuilder(userinfo)
                  .header("Authorization", t.authorizationHeader())
                  .build();
          if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            rejected++;
          }
        }
      } catch (Exception e) {
        failures++;
        System.out.println("FAILURE " + e);
      }
      Thread.sleep(50);
    }
    System.out.println(
        "RESULT calls="
            + calls
            + " failures="
            + failures
            + " rejected="
            + rejected
            + " tokens="
            + tokens.size());
    redis.close();
  }
}
