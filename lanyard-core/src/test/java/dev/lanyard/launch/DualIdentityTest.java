package dev.lanyard.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pair of a user's and the app's session. */
class DualIdentityTest {
  private static final String USER_TOKEN = "user-Pk3UNIQUE";
  private static final String APP_TOKEN = "app-Lm8UNIQUE";

  private static TokenSession fixed(String token) {
    return TokenSession.builder().grant(Grant.staticToken(token)).build();
  }

  @Test
  void of_twoSessions_eachUsableOnItsOwn() throws IOException {
    TokenSession user = fixed(USER_TOKEN);
    TokenSession service = fixed(APP_TOKEN);
    DualIdentity both = DualIdentity.of(user, service);

    assertThat(both.user()).isSameAs(user);
    assertThat(both.service()).isSameAs(service);
    assertThat(both.user().accessToken()).isEqualTo(USER_TOKEN);
    assertThat(both.service().accessToken()).isEqualTo(APP_TOKEN);
    assertThat(both.toString()).doesNotContain(USER_TOKEN).doesNotContain(APP_TOKEN);
  }

  @Test
  void withUser_keepsTheServiceSession() {
    TokenSession service = fixed(APP_TOKEN);
    DualIdentity first = DualIdentity.of(fixed(USER_TOKEN), service);
    TokenSession next = fixed("next-user");
    DualIdentity second = first.withUser(next);

    assertThat(second.service()).isSameAs(service);
    assertThat(second.user()).isSameAs(next);
    assertThat(first.user()).isNotSameAs(next);
  }

  @Test
  void of_sameSessionTwiceOrNull_fails() {
    TokenSession one = fixed(USER_TOKEN);
    assertThatThrownBy(() -> DualIdentity.of(one, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two sessions");
    assertThatThrownBy(() -> DualIdentity.of(one, (TokenSession) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("service");
  }

  @Test
  void of_launchToken_userSessionFromTheUrlToken() throws IOException {
    try (Portal portal = new Portal()) {
      Portal.Clock clock = new Portal.Clock();
      String token = portal.urlToken();
      LaunchToken launch = portal.verifier(clock).build().verify(token);
      DualIdentity both = DualIdentity.of(launch, fixed(APP_TOKEN));
      assertThat(both.user().current().orElseThrow().accessToken()).isEqualTo(token);
    }
  }
}
