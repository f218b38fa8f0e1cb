package dev.lanyard.login;

import static dev.lanyard.login.ScriptedProvider.json;
import static dev.lanyard.login.ScriptedProvider.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.testing.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DPoP logins (RFC 9449) make one key per sign-in, not per login object: a web login keeps it in
 * the pending login, so the instance that takes the callback redeems the code with the key whose
 * thumbprint went out as {@code dpop_jkt}.
 */
@Timeout(30)
class DpopPerSignInTest {
  private static final URI CALLBACK = URI.create("https://portal.example.org/callback");
  private static final String BOUND =
      "{\"access_token\":\"at-dpop-UNIQUE\",\"token_type\":\"DPoP\",\"expires_in\":300,"
          + "\"refresh_token\":\"rt-dpop-UNIQUE\"}";

  private final FakeClock clock = new FakeClock();
  private ScriptedProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    provider = new ScriptedProvider().byDefault("/token", json(200, BOUND));
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private WebLogin web(PendingLoginStore store) {
    return WebLogin.builder()
        .provider(provider.metadata().build())
        .client(ClientAuthentication.none("lab-portal"))
        .transport(ScriptedProvider.transport())
        .clock(clock)
        .pendingLoginStore(store)
        .dpop(true)
        .build();
  }

  /** The thumbprint of the key that signed {@code proof}, after checking its signature. */
  private static String signer(String proof) throws Exception {
    SignedJWT jwt = SignedJWT.parse(proof);
    ECKey jwk = (ECKey) jwt.getHeader().getJWK();
    assertThat(jwt.verify(new ECDSAVerifier(jwk))).isTrue();
    assertThat(jwk.isPrivate()).isFalse();
    return jwk.computeThumbprint().toString();
  }

  @Test
  void webLogin_urlOnOneInstanceCompletedOnAnother_proofSignedWithTheKeyOfDpopJkt()
      throws Exception {
    PendingLoginStore shared = PendingLoginStore.inMemory();
    WebLogin a = web(shared);
    WebLogin b = web(shared);

    Map<String, String> q = query(a.authorizationUrl(CALLBACK));
    LoginResult r = b.complete(Map.of("code", "c-1", "state", q.get("state")));

    String jkt = q.get("dpop_jkt");
    assertThat(jkt).isNotBlank();
    List<String> proofs = provider.dpopProofs("/token");
    assertThat(proofs).hasSize(1);
    assertThat(signer(proofs.get(0))).isEqualTo(jkt);
    TokenSet tokens = r.tokens();
    assertThat(tokens.isDpopBound()).isTrue();
    assertThat(tokens.dpopKey().orElseThrow().thumbprint()).isEqualTo(jkt);
  }

  @Test
  void webLogin_twoSignIns_twoKeysEachRedeemedWithItsOwn() throws Exception {
    WebLogin web = web(PendingLoginStore.inMemory());

    Map<String, String> first = query(web.authorizationUrl(CALLBACK));
    Map<String, String> second = query(web.authorizationUrl(CALLBACK));
    TokenSet secondTokens =
        web.complete(Map.of("code", "c-2", "state", second.get("state"))).tokens();
    TokenSet firstTokens =
        web.complete(Map.of("code", "c-1", "state", first.get("state"))).tokens();

    assertThat(first.get("dpop_jkt")).isNotEqualTo(second.get("dpop_jkt"));
    List<String> proofs = provider.dpopProofs("/token");
    assertThat(signer(proofs.get(0))).isEqualTo(second.get("dpop_jkt"));
    assertThat(signer(proofs.get(1))).isEqualTo(first.get("dpop_jkt"));
    assertThat(firstTokens.dpopKey().orElseThrow().thumbprint()).isEqualTo(first.get("dpop_jkt"));
    assertThat(secondTokens.dpopKey().orElseThrow().thumbprint()).isEqualTo(second.get("dpop_jkt"));
  }

  @Test
  void webLogin_storeLosesTheKey_refusedBeforeAnyTokenRequest() throws Exception {
    Map<String, PendingLogin> kept = new ConcurrentHashMap<>();
    PendingLoginStore forgetful =
        new PendingLoginStore() {
          @Override
          public void put(PendingLogin login) {
            // Written before pending logins had keys: keeps everything else.
            kept.put(
                login.state(),
                PendingLogin.of(
                    login.state(),
                    login.codeVerifier(),
                    login.nonce(),
                    login.redirectUri(),
                    login.expiresAt()));
          }

          @Override
          public Optional<PendingLogin> take(String state) {
            return Optional.ofNullable(kept.remove(state));
          }
        };
    WebLogin web = web(forgetful);
    String state = query(web.authorizationUrl(CALLBACK)).get("state");

    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", state)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the pending sign-in has no DPoP key: its PendingLoginStore must keep"
                + " PendingLogin.dpopKey() (start the sign-in again)");
    assertThat(provider.forms("/token")).isEmpty();
  }

  @Test
  void webLogin_withoutDpop_noKeyNoJktNoProof() throws Exception {
    PendingLoginStore store = PendingLoginStore.inMemory();
    AtomicReference<PendingLogin> seen = new AtomicReference<>();
    PendingLoginStore watching =
        new PendingLoginStore() {
          @Override
          public void put(PendingLogin login) {
            seen.set(login);
            store.put(login);
          }

          @Override
          public Optional<PendingLogin> take(String state) {
            return store.take(state);
          }
        };
    provider.byDefault("/token", json(200, ScriptedProvider.TOKENS));
    WebLogin web =
        WebLogin.builder()
            .provider(provider.metadata().build())
            .client(ClientAuthentication.none("lab-portal"))
            .transport(ScriptedProvider.transport())
            .clock(clock)
            .pendingLoginStore(watching)
            .build();

    Map<String, String> q = query(web.authorizationUrl(CALLBACK));
    TokenSet tokens = web.complete(Map.of("code", "c-1", "state", q.get("state"))).tokens();

    assertThat(q).doesNotContainKey("dpop_jkt");
    assertThat(seen.get().dpopKey()).isEmpty();
    assertThat(provider.dpopProofs("/token")).isEmpty();
    assertThat(tokens.dpopKey()).isEmpty();
  }

  @Test
  void pendingLogin_withDpopKey_keptThroughCopiesToStringShowsThumbprintOnly() throws Exception {
    DpopKey key = DpopKey.generate();
    PendingLogin p =
        PendingLogin.of("s", "v", "n", CALLBACK, clock.instant())
            .withDpopKey(key)
            .withExpectedEmail("ada@example.org");

    assertThat(p.dpopKey()).contains(key);
    String privateD = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(key.toJson()).get("d");
    assertThat(p.toString()).contains(key.thumbprint()).doesNotContain(privateD);
    assertThatThrownBy(() -> p.withDpopKey(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void browserLogin_twoSignIns_twoKeysEachBoundToItsCode() throws Exception {
    AtomicReference<URI> opened = new AtomicReference<>();
    BrowserLauncher signsIn =
        url -> {
          opened.set(url);
          CompletableFuture.runAsync(
              () -> {
                try {
                  Browser.get(Browser.redirect(url, "code=c-1&state=" + Browser.state(url)));
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
        };
    BrowserLogin login =
        BrowserLogin.builder()
            .provider(provider.metadata().build())
            .client(ClientAuthentication.none("lab-cli"))
            .transport(ScriptedProvider.transport())
            .loopback(LoopbackOptions.defaults().withLauncher(signsIn).withPrinter(line -> {}))
            .dpop(true)
            .build();

    TokenSet first = login.login().tokens();
    String firstJkt = query(opened.get()).get("dpop_jkt");
    TokenSet second = login.login().tokens();
    String secondJkt = query(opened.get()).get("dpop_jkt");

    assertThat(firstJkt).isNotEqualTo(secondJkt);
    assertThat(first.dpopKey().orElseThrow().thumbprint()).isEqualTo(firstJkt);
    assertThat(second.dpopKey().orElseThrow().thumbprint()).isEqualTo(secondJkt);
    List<String> proofs = provider.dpopProofs("/token");
    assertThat(signer(proofs.get(0))).isEqualTo(firstJkt);
    assertThat(signer(proofs.get(1))).isEqualTo(secondJkt);
  }

  @Test
  void deviceLogin_twoSignIns_twoKeys() throws Exception {
    provider.byDefault(
        "/device",
        json(
            200,
            "{\"device_code\":\"dc-UNIQUE\",\"user_code\":\"WDJB-MJHT\","
                + "\"verification_uri\":\"https://id.example.org/device\","
                + "\"expires_in\":600,\"interval\":5}"));
    DeviceLogin login =
        DeviceLogin.builder()
            .provider(provider.metadata().build())
            .client(ClientAuthentication.none("lab-cli"))
            .transport(ScriptedProvider.transport())
            .clock(clock)
            .prompt(code -> {})
            .sleeper(clock::advance)
            .dpop(true)
            .build();

    TokenSet first = login.login().tokens();
    TokenSet second = login.login().tokens();

    String firstJkt = first.dpopKey().orElseThrow().thumbprint();
    String secondJkt = second.dpopKey().orElseThrow().thumbprint();
    assertThat(firstJkt).isNotEqualTo(secondJkt);
    List<String> proofs = provider.dpopProofs("/token");
    assertThat(signer(proofs.get(0))).isEqualTo(firstJkt);
    assertThat(signer(proofs.get(1))).isEqualTo(secondJkt);
  }
}
