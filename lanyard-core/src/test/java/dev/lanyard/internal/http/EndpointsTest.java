package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.transport.Transport;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS everywhere but on loopback, unless insecure HTTP is allowed. */
class EndpointsTest {
  private static final Transport STRICT = Transport.defaults();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://id.example.org/realms/lab/protocol/openid-connect/token",
        "HTTPS://ID.EXAMPLE.ORG/token",
        "http://127.0.0.1:8080/token",
        "http://127.1.2.3/token",
        "http://localhost:8080/token",
        "http://LOCALHOST/token",
        "http://[::1]:8080/token"
      })
  void requireSecure_httpsOrLoopbackHttp_accepted(String uri) {
    assertThatCode(() -> Endpoints.requireSecure(STRICT, URI.create(uri), "the token endpoint"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://id.example.org/token",
        "http://10.0.0.1/token",
        "ftp://id.example.org/token",
        "http://localhost.example.org/token"
      })
  void requireSecure_plainHttpElsewhere_refusedNamingTheEndpoint(String uri) {
    assertThatThrownBy(() -> Endpoints.requireSecure(STRICT, URI.create(uri), "the token endpoint"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the token endpoint must use https (got " + uri + ")")
        .hasMessageContaining("allowInsecureHttp(true)");
  }

  /** A DNS name that merely starts with "127." can resolve anywhere: it is not loopback. */
  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1.nip.io/token", "http://127.attacker.example/token"})
  void requireSecure_hostnameStartingWith127_refused(String uri) {
    assertThatThrownBy(() -> Endpoints.requireSecure(STRICT, URI.create(uri), "the token endpoint"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requireSecure_insecureAllowed_plainHttpAccepted() {
    Transport lax = Transport.builder().allowInsecureHttp(true).build();
    assertThatCode(
            () -> Endpoints.requireSecure(lax, URI.create("http://id.example.org/token"), "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> Endpoints.requireSecure(lax, URI.create("ftp://id.example.org/token"), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
