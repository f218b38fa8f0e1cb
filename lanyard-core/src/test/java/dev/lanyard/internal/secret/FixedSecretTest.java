package dev.lanyard.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FixedSecretTest {
  private static final String SECRET = "pw-Rk2sUNIQUE";

  @Test
  void of_secret_givenBackShownRedactedAndFixed() {
    FixedSecret s = FixedSecret.of(SECRET, "password");
    assertThat(s.get()).isEqualTo(SECRET);
    assertThat(s.toString()).isEqualTo("[redacted]");
    assertThat(FixedSecret.isFixed(s)).isTrue();
    Supplier<String> fresh = () -> SECRET;
    assertThat(FixedSecret.isFixed(fresh)).isFalse();
  }

  @Test
  void of_nullOrEmpty_refusedNamingTheSecret() {
    assertThatThrownBy(() -> FixedSecret.of("", "password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password must not be empty");
    assertThatThrownBy(() -> FixedSecret.of(null, "token"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("token");
  }
}
