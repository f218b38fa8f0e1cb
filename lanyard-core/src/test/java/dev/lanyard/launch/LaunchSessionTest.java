package dev.lanyard.launch;

import static dev.lanyard.launch.Portal.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user's session from a URL token: handed out until expiry, then renewed or ended. */
class LaunchSessionTest {
  private final Portal.Clock clock = new Portal.Clock();
  private Portal portal;
  private LaunchTokenVerifier launches;

  @BeforeEach
  void start() throws IOException {
    portal = new Portal();
    launches = portal.verifier(clock).build();
  }

  @AfterEach
  void stop() {
    portal.close();
  }

  private TokenSession session(LaunchToken launch) {
    return launch.sessionBuilder().clock(clock).build();
  }

  @Test
  void session_withoutRefreshToken_urlTokenUntilExpiryThenExpiredError() throws IOException {
    String token = portal.urlToken();
    TokenSession user = session(launches.verify(token));

    assertThat(user.accessToken()).isEqualTo(token);
    assertThat(user.authorizationHeader()).isEqualTo("Bearer " + token);
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(user::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("expired");
    assertThat(portal.takeTokenRequest()).isNull();
  }

  @Test
  void session_withRefreshToken_renewsAsPublicClientOfTheToken() throws IOException {
    String token = portal.urlToken();
    LaunchToken launch = launches.verify(token, "refresh-1");
    TokenSession user = session(launch);
    assertThat(launch.renewable()).isTrue();
    assertThat(user.accessToken()).isEqualTo(token);

    clock.advance(Duration.ofMinutes(5));
    TokenSet renewed = user.token();

    assertThat(renewed.accessToken()).isEqualTo("renewed-access");
    assertThat(renewed.refreshToken()).contains("renewed-refresh");
    RecordedRequest refresh = portal.takeTokenRequest();
    assertThat(refresh).isNotNull();
    assertThat(refresh.getBody().utf8())
        .contains("grant_type=refresh_token", "refresh_token=refresh-1", "client_id=" + CLIENT);
    assertThat(refresh.getHeaders().get("Authorization")).isNull();
    assertThat(portal.takeTokenRequest()).isNull();
    assertThat(user.accessToken()).isEqualTo("renewed-access");
  }

  @Test
  void session_refreshRefused_loginRequiredWithProviderWords() throws IOException {
    portal.tokenAnswer(
        400, "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}");
    TokenSession user = session(launches.verify(portal.urlToken(), "refresh-1"));
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(user::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("invalid_grant: Session not active");
  }

  @Test
  void session_default_builtWithoutProviderWhenNotRenewable() throws IOException {
    TokenSession user = launches.verify(portal.urlToken()).session();
    assertThat(user.hasCredentials()).isTrue();
    assertThat(user.toString()).contains("provider=none", "client=none").doesNotContain("eyJ");
  }
}
