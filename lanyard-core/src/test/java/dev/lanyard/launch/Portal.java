package dev.lanyard.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A portal's identity provider on 127.0.0.1: a JWKS and a token endpoint that answers refreshes as
 * a test scripts, plus URL tokens forged with its key (or another). MockWebServer, because tests in
 * module {@code dev.lanyard} cannot use {@code com.sun.net.httpserver}.
 */
final class Portal implements AutoCloseable {
  static final String ISSUER = "https://bfabric.example.org/realms/fgcz";
  static final String CLIENT = "bfabric-webapp";
  static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
  static final Transport TRANSPORT = Transport.builder().maxRetries(0).build();

  final RSAKey key = rsa("portal-1");
  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<RecordedRequest> tokenRequests = new LinkedBlockingQueue<>();
  private volatile int tokenStatus = 200;
  private volatile String tokenBody =
      "{\"access_token\":\"renewed-access\",\"token_type\":\"Bearer\",\"expires_in\":300,"
          + "\"refresh_token\":\"renewed-refresh\"}";

  Portal() throws IOException {
    String jwks = new JWKSet(List.of(key)).toPublicJWKSet().toString();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = jwks;
            int status = 200;
            if (request.getTarget().startsWith("/token")) {
              tokenRequests.add(request);
              body = tokenBody;
              status = tokenStatus;
            }
            return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  ProviderMetadata metadata() {
    URI base = URI.create("http://127.0.0.1:" + server.getPort());
    return ProviderMetadata.builder(base.resolve("/token"))
        .issuer(URI.create(ISSUER))
        .jwksUri(base.resolve("/jwks"))
        .build();
  }

  LaunchTokenVerifier.Builder verifier(InstantSource clock) {
    return LaunchTokenVerifier.builder(metadata()).clock(clock).transport(TRANSPORT);
  }

  /** Claims of a B-Fabric launch at {@link #NOW}, valid for five minutes. */
  static JWTClaimsSet.Builder launchClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("user-4711")
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
        .claim("client_id", CLIENT)
        .claim("entityId", 2220)
        .claim("entityClassName", "Dataset")
        .claim("applicationId", "543")
        .claim("jobId", 2010L)
        .claim("scope", "openid bfabric");
  }

  String urlToken(UnaryOperator<JWTClaimsSet.Builder> edit) {
    return sign(key, edit);
  }

  String urlToken() {
    return urlToken(b -> b);
  }

  static String sign(RSAKey signer, UnaryOperator<JWTClaimsSet.Builder> edit) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
              edit.apply(launchClaims()).build());
      jwt.sign(new RSASSASigner(signer));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the token endpoint answers from now on. */
  Portal tokenAnswer(int status, String body) {
    this.tokenStatus = status;
    this.tokenBody = body;
    return this;
  }

  /** The next request the token endpoint got; null if none. */
  RecordedRequest takeTokenRequest() {
    return tokenRequests.poll();
  }

  @Override
  public void close() {
    server.close();
  }

  /** A clock that moves only when told. */
  static final class Clock implements InstantSource {
    private volatile Instant now = NOW;

    Clock advance(Duration d) {
      now = now.plus(d);
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
