package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.jwt.JwtVerifier;
import dev.lanyard.internal.oauth.DeviceAuthorization;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.testing.HostileServer;
import dev.lanyard.testing.HostileServer.Fault;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scripted hostile provider against each endpoint Lanyard calls (token, discovery, JWKS, device):
 * every fault ends in a clear failure naming the endpoint, within the transport's deadline for the
 * whole answer, and the connection is given up (the class-wide timeout only guards against a hang).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProviderFaultsTest {
  private static final Transport QUICK =
      Transport.builder()
          .maxRetries(0)
          .connectTimeout(Duration.ofSeconds(2))
          .requestTimeout(Duration.ofMillis(800))
          .build();

  private final HostileServer server = new HostileServer();

  @AfterEach
  void close() {
    server.close();
  }

  enum Endpoint {
    TOKEN("the token endpoint"),
    DISCOVERY("the discovery endpoint"),
    JWKS("the JWKS endpoint"),
    DEVICE("the device authorization endpoint");

    final String what;

    Endpoint(String what) {
      this.what = what;
    }
  }

  private void call(Endpoint e) throws IOException {
    switch (e) {
      case TOKEN ->
          new TokenEndpoint(
                  server.url("/token"),
                  ClientAuthentication.none("app"),
                  QUICK,
                  InstantSource.system(),
                  Duration.ofMinutes(5))
              .request(TokenRequests.refresh("rt", Scope.EMPTY));
      case DISCOVERY -> ProviderMetadata.discover(server.url("/realms/lab"), QUICK);
      case JWKS ->
          JwtVerifier.builder()
              .issuer("https://issuer.example")
              .jwksUri(server.url("/certs"))
              .transport(QUICK)
              .build()
              // {"alg":"RS256","kid":"k1"}.{}.sig: the verifier must fetch the keys
              .verify("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln");
      case DEVICE ->
          DeviceAuthorization.request(
              new DeviceAuthorization.Request(
                  QUICK,
                  ClientAuthentication.none("app"),
                  Scope.EMPTY,
                  Map.of(),
                  InstantSource.system()),
              ProviderMetadata.builder(server.url("/token"))
                  .deviceAuthorizationEndpoint(server.url("/device"))
                  .build(),
              null);
    }
  }

  private Throwable failure(Endpoint e, Fault f) {
    server.fault(f);
    Throwable t = catchThrowable(() -> call(e));
    assertThat(t).as("%s with %s", e, f).isNotNull();
    assertThat(server.requests()).isEqualTo(1);
    return t;
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void stallAfterHeaders_cutOffAtTheDeadline_connectionClosed(Endpoint e) {
    Throwable t = failure(e, Fault.STALL_AFTER_HEADERS);

    assertThat(t)
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining(e.what)
        .hasMessageContaining("no answer within 800 ms");
    awaitClosed();
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void drippedBody_cutOffAtTheDeadline(Endpoint e) {
    Throwable t = failure(e, Fault.DRIP);

    assertThat(t).isInstanceOf(ProviderUnreachableException.class).hasMessageContaining(e.what);
    awaitClosed();
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void hugeBody_stopsAtTheLimitForItsKind(Endpoint e) {
    Throwable t = failure(e, Fault.HUGE);

    assertThat(t)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining(e.what)
        .hasMessageContaining("with a body of more than")
        .hasMessageContaining("bytes, the limit for");
    awaitClosed();
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void endlessChunkedBody_stopsAtTheLimit(Endpoint e) {
    Throwable t = failure(e, Fault.ENDLESS_CHUNKED);

    assertThat(t).isInstanceOf(MalformedResponseException.class).hasMessageContaining(e.what);
    awaitClosed();
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void resetMidBody_failsCleanly(Endpoint e) {
    Throwable t = failure(e, Fault.RESET_MID_BODY);

    assertThat(t).isInstanceOf(IOException.class).hasMessageContaining(e.what);
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void htmlInsteadOfJson_malformed(Endpoint e) {
    Throwable t = failure(e, Fault.WRONG_CONTENT_TYPE);

    assertThat(t).isInstanceOf(MalformedResponseException.class).hasMessageContaining(e.what);
  }

  @ParameterizedTest
  @EnumSource(Bodies.Limit.class)
  void everyLimit_atMostTheGenericCap(Bodies.Limit limit) {
    assertThat(limit.bytes()).isPositive().isLessThanOrEqualTo(Bodies.MAX_BYTES);
  }

  /** The client gave the connection up: the server sees EOF or a broken pipe. */
  private void awaitClosed() {
    waitFor(() -> server.closedByClient() >= 1, "the client to close the connection");
  }

  static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
