package dev.lanyard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportTest {
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
    assertThatCode(() -> STRICT.requireSecure(URI.create(uri), "the token endpoint"))
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
    assertThatThrownBy(() -> STRICT.requireSecure(URI.create(uri), "the token endpoint"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the token endpoint must use https (got " + uri + ")")
        .hasMessageContaining("allowInsecureHttp(true)");
  }

  /** A DNS name that merely starts with "127." can resolve anywhere: it is not loopback. */
  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1.nip.io/token", "http://127.attacker.example/token"})
  void requireSecure_hostnameStartingWith127_refused(String uri) {
    assertThatThrownBy(() -> STRICT.requireSecure(URI.create(uri), "the token endpoint"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requireSecure_insecureAllowed_plainHttpAccepted() {
    Transport lax = Transport.builder().allowInsecureHttp(true).build();
    assertThatCode(() -> lax.requireSecure(URI.create("http://id.example.org/token"), "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> lax.requireSecure(URI.create("ftp://id.example.org/token"), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_maxRetriesOutOfRange_exactMessage() {
    assertThatThrownBy(() -> Transport.builder().maxRetries(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries must be between 0 and 10, was 11");
    assertThatThrownBy(() -> Transport.builder().maxRetries(-1))
        .hasMessage("maxRetries must be between 0 and 10, was -1");
  }

  @Test
  void builder_zeroOrNegativeDurations_exactMessage() {
    assertThatThrownBy(() -> Transport.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> Transport.builder().connectTimeout(Duration.ofSeconds(-1)))
        .hasMessage("connectTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> Transport.builder().maxRetryAfter(Duration.ZERO))
        .hasMessage("maxRetryAfter must be positive, was PT0S");
  }

  @Test
  void build_maxBackoffShorterThanInitial_exactMessage() {
    Transport.Builder b =
        Transport.builder().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBackoff must not be shorter than initialBackoff");
  }

  @Test
  void newBuilder_copiesEverySetting() {
    Transport t =
        Transport.builder()
            .connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(4))
            .maxRetries(5)
            .initialBackoff(Duration.ofMillis(6))
            .maxBackoff(Duration.ofMillis(7))
            .maxRetryAfter(Duration.ofSeconds(8))
            .allowInsecureHttp(true)
            .build();
    Transport copy = t.newBuilder().build();
    assertThat(copy.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(copy.maxRetries()).isEqualTo(5);
    assertThat(copy.initialBackoff()).isEqualTo(Duration.ofMillis(6));
    assertThat(copy.maxBackoff()).isEqualTo(Duration.ofMillis(7));
    assertThat(copy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(8));
    assertThat(copy.allowInsecureHttp()).isTrue();
  }
}
