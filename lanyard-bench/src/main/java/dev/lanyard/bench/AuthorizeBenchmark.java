package dev.lanyard.bench;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link RequestAuthorizer#bearer} costs per request, the call every HTTP integration makes:
 * for a bearer token (the same {@link Authorization} while the token holds: no allocation), and for
 * a DPoP-bound token (RFC 9449: a fresh ES256 proof per request, whose signature is the floor).
 * {@code dpopProof} is the proof alone, without the authorizer around it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class AuthorizeBenchmark {
  static final URI API = URI.create("https://api.example.org/v1/items?page=2");

  /** A Keycloak-sized access token (its length is what the proof's {@code ath} hashes). */
  static final String JWT = "eyJhbGciOiJSUzI1NiJ9." + "x".repeat(900) + ".sig";

  /** A bearer session and a DPoP-bound session, each with a fresh token that never expires. */
  @State(Scope.Benchmark)
  public static class Authorizers {
    RequestAuthorizer bearer;
    RequestAuthorizer dpop;
    DpopKey key;
    String accessToken;
    java.security.KeyPair ecKey;
    byte[] signingInput;

    @Setup
    public void setUp() throws IOException {
      bearer =
          RequestAuthorizer.bearer(
              TokenSession.builder().tokens(TokenSet.builder(JWT).build()).build());
      key = DpopKey.generate();
      accessToken = JWT;
      dpop =
          RequestAuthorizer.bearer(
              TokenSession.builder()
                  .tokens(TokenSet.builder(JWT).tokenType("DPoP").dpopKey(key).build())
                  .build());
      bearer.authorize("GET", API);
      try {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        ecKey = g.generateKeyPair();
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      signingInput =
          key.proof("GET", API, JWT, null).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  @Benchmark
  public Authorization bearer(Authorizers a) throws IOException {
    return a.bearer.authorize("GET", API);
  }

  @Benchmark
  public Authorization dpop(Authorizers a) throws IOException {
    return a.dpop.authorize("GET", API);
  }

  /** The floor: one SHA256withECDSA signature by the JDK over a proof-sized input. */
  @Benchmark
  public byte[] es256Signature(Authorizers a) throws java.security.GeneralSecurityException {
    java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
    s.initSign(a.ecKey.getPrivate());
    s.update(a.signingInput);
    return s.sign();
  }

  @Benchmark
  public String dpopProof(Authorizers a) {
    return a.key.proof("GET", API, a.accessToken, null);
  }
}
