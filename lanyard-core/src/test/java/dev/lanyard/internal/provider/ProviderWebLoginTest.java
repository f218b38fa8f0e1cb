package dev.lanyard.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.login.PendingLogin;
import dev.lanyard.login.PendingLoginStore;
import dev.lanyard.testing.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Web login with a provider plug-in: the application owns the callback URL. */
class ProviderWebLoginTest {
  private static final URI CALLBACK = URI.create("https://portal.example.org/toy/callback");

  private final FakeClock clock = new FakeClock();
  private final ToyProvider provider = new ToyProvider();
  private final ProviderWebLogin<Credentials> web =
      ProviderWebLogin.builder(provider).clock(clock).build();

  /** What the provider sends the browser back with: the callback URL's query plus its own. */
  private static Map<String, String> callback(URI loginUrl, String... more) {
    Map<String, String> params = new HashMap<>(ToyProvider.query(ToyProvider.callback(loginUrl)));
    for (int i = 0; i < more.length; i += 2) {
      params.put(more[i], more[i + 1]);
    }
    return params;
  }

  @Test
  void complete_callbackOfAStartedSignIn_credentials() throws IOException {
    URI url = web.loginUrl(CALLBACK);

    URI callback = ToyProvider.callback(url);
    assertThat(callback.toString()).startsWith(CALLBACK + "?lanyard_state=");
    assertThat(web.complete(callback(url, "user", "ada", "code", "c1")))
        .isEqualTo(ToyProvider.credentials("ada", "t-c1"));
  }

  @Test
  void loginUrl_callbackWithItsOwnQuery_stateAppended() throws IOException {
    URI url = web.loginUrl(URI.create(CALLBACK + "?tenant=lab"));

    assertThat(ToyProvider.callback(url).toString())
        .startsWith(CALLBACK + "?tenant=lab&lanyard_state=");
    assertThat(web.complete(callback(url, "user", "ada", "code", "c1")).require("user"))
        .isEqualTo("ada");
  }

  @Test
  void complete_stateUsedTwice_secondRefused() throws IOException {
    Map<String, String> params = callback(web.loginUrl(CALLBACK), "user", "ada", "code", "c1");
    web.complete(params);

    assertThatThrownBy(() -> web.complete(params))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("unknown or already used sign-in state; refused (start the sign-in again)");
  }

  @Test
  void complete_noOrUnknownState_refusedBeforeRedeeming() throws IOException {
    web.loginUrl(CALLBACK);

    assertThatThrownBy(() -> web.complete(Map.of("user", "eve", "code", "c1")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("the callback has no lanyard_state parameter; refused");
    assertThatThrownBy(
            () -> web.complete(Map.of("lanyard_state", "forged", "user", "eve", "code", "c1")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("unknown or already used");
    assertThat(provider.redeemed).hasValue(0);
  }

  @Test
  void complete_afterTheLifetime_refusedSayingWhen() throws IOException {
    Map<String, String> params = callback(web.loginUrl(CALLBACK), "user", "ada", "code", "c1");
    clock.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> web.complete(params))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage(
            "the sign-in expired at 2025-01-01T10:10:00Z; refused (start the sign-in again)");
  }

  @Test
  void complete_incompleteCallback_refusedAndTheSignInStillPending() throws IOException {
    URI url = web.loginUrl(CALLBACK);

    assertThatThrownBy(() -> web.complete(callback(url, "user", "ada")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the toy callback is incomplete (no code parameter); refused");
    assertThat(web.complete(callback(url, "user", "ada", "code", "c2")).require("token"))
        .isEqualTo("t-c2");
  }

  @Test
  void complete_providerRefused_providersError() throws IOException {
    URI url = web.loginUrl(CALLBACK);

    assertThatThrownBy(() -> web.complete(callback(url, "error", "access_denied")))
        .isInstanceOf(AuthorizationDeniedException.class)
        .hasMessage("toy refused the sign-in: access_denied");
  }

  @Test
  void withoutState_callbackUrlUnchanged_completeNeedsNoState() throws IOException {
    ProviderWebLogin<Credentials> stateless =
        ProviderWebLogin.builder(provider).withoutState().build();

    URI url = stateless.loginUrl(CALLBACK);

    assertThat(ToyProvider.callback(url)).isEqualTo(CALLBACK);
    assertThat(stateless.complete(Map.of("user", "ada", "code", "c1")).require("user"))
        .isEqualTo("ada");
  }

  @Test
  void loginUrl_plainHttpOrRelative_refused() {
    assertThatThrownBy(() -> web.loginUrl(URI.create("http://portal.example.org/cb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the callback URL must use https");
    assertThatThrownBy(() -> web.loginUrl(URI.create("/cb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute URL");
  }

  @Test
  void pendingLogins_inTheGivenStore() throws IOException {
    Map<String, PendingLogin> kept = new ConcurrentHashMap<>();
    PendingLoginStore store =
        new PendingLoginStore() {
          @Override
          public void put(PendingLogin login) {
            kept.put(login.state(), login);
          }

          @Override
          public Optional<PendingLogin> take(String state) {
            return Optional.ofNullable(kept.remove(state));
          }
        };
    ProviderWebLogin<Credentials> shared =
        ProviderWebLogin.builder(provider).pendingLoginStore(store).clock(clock).build();

    URI url = shared.loginUrl(CALLBACK);

    assertThat(kept).hasSize(1);
    assertThat(kept.values().iterator().next().expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    shared.complete(callback(url, "user", "ada", "code", "c1"));
    assertThat(kept).isEmpty();
  }

  @Test
  void redeemer_loginEndsInItsResult_redeemedOnce() throws IOException {
    AtomicInteger redeemed = new AtomicInteger();
    ProviderWebLogin<String> named =
        ProviderWebLogin.builder(
                provider,
                accepted ->
                    "user "
                        + accepted.parameter("user").orElseThrow()
                        + " #"
                        + redeemed.incrementAndGet())
            .clock(clock)
            .build();

    URI url = named.loginUrl(CALLBACK);

    assertThat(named.complete(callback(url, "user", "ada", "code", "c1"))).isEqualTo("user ada #1");
    assertThat(provider.redeemed).hasValue(0);
  }

  @Test
  void complete_providerRedeemsIntoAnotherProvidersCredentials_refused() throws IOException {
    ToyProvider liar =
        new ToyProvider() {
          @Override
          public Credentials redeem(CallbackResponse.Accepted accepted) {
            return Credentials.of("other", Map.of("user", "ada"));
          }
        };
    ProviderWebLogin<Credentials> lying = ProviderWebLogin.builder(liar).build();

    URI url = lying.loginUrl(CALLBACK);

    assertThatThrownBy(() -> lying.complete(callback(url, "user", "ada", "code", "c1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("toy redeemed a callback into other credentials");
  }
}
