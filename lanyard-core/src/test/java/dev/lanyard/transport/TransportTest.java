package dev.lanyard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportTest {
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
