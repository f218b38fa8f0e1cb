package dev.lanyard.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.internal.grant.TokenRequest;
import dev.lanyard.internal.grant.TokenRequests;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExtensionGrantTest {
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final String ASSERTION = "eyJ.assertion-Qw7UNIQUE.sig";

  @Test
  void jwtBearer_freshAssertionPerRequest_formInRfcOrder() {
    AtomicInteger n = new AtomicInteger();
    Supplier<String> assertions = () -> ASSERTION + n.incrementAndGet();
    ExtensionGrant g =
        Grant.extension(JWT_BEARER)
            .withSecret("assertion", assertions)
            .withScope(Scope.of("read"))
            .withReauthentication(true);

    TokenRequest first = TokenRequests.of(g);
    assertThat(first.form())
        .containsExactly(
            Map.entry("grant_type", JWT_BEARER),
            Map.entry("assertion", ASSERTION + 1),
            Map.entry("scope", "read"));
    assertThat(TokenRequests.of(g).form()).containsEntry("assertion", ASSERTION + 2);
    assertThat(first.replayable()).as("an assertion may be good once").isFalse();
    assertThat(first.scope()).isEqualTo(Scope.of("read"));
    assertThat(g.canReauthenticate()).isTrue();
  }

  @Test
  void vendorGrant_plainAndSecretParameters_inTheOrderGiven() {
    ExtensionGrant g =
        Grant.extension("vendor_api_key")
            .withParameter("tenant", "lab-7")
            .withSecret("api_key", "key-Zr2UNIQUE")
            .withParameter("tenant", "lab-8");
    assertThat(TokenRequests.of(g).form())
        .containsExactly(
            Map.entry("grant_type", "vendor_api_key"),
            Map.entry("tenant", "lab-8"),
            Map.entry("api_key", "key-Zr2UNIQUE"));
    assertThat(g.isSecret("api_key")).isTrue();
    assertThat(g.isSecret("tenant")).isFalse();
    assertThat(g.canReauthenticate()).as("default: good once").isFalse();
  }

  @Test
  void toString_namesParameters_neverSecretValues() {
    ExtensionGrant g =
        Grant.extension(JWT_BEARER)
            .withSecret("assertion", ASSERTION)
            .withParameter("tenant", "lab-7-UNIQUE");
    assertThat(g.toString())
        .contains(JWT_BEARER, "assertion=[redacted]", "tenant")
        .doesNotContain(ASSERTION, "lab-7-UNIQUE");
  }

  @Test
  void reservedParameters_refusedWithWhereTheyComeFrom() {
    ExtensionGrant g = Grant.extension(JWT_BEARER);
    assertThatThrownBy(() -> g.withSecret("client_secret", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "client_secret is not a grant parameter here: it comes from the session's client"
                + " authentication");
    assertThatThrownBy(() -> g.withParameter("scope", "read"))
        .hasMessageContaining("use withScope");
    assertThatThrownBy(() -> g.withParameter("grant_type", "password"))
        .hasMessageContaining("it is the grant type");
    assertThatThrownBy(() -> g.withSecret("client_assertion", () -> "x"))
        .hasMessageContaining("client authentication");
  }

  @Test
  void badNamesAndTypes_refusedWithTheValueShownSafely() {
    assertThatThrownBy(() -> Grant.extension("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a name");
    assertThatThrownBy(() -> Grant.extension("relative/path"))
        .hasMessageContaining("neither a name");
    assertThatThrownBy(() -> Grant.extension("bad\nline"))
        .hasMessageNotContaining("\n")
        .hasMessageContaining("neither a name");
    assertThatThrownBy(() -> Grant.extension(JWT_BEARER).withParameter("a=b", "x"))
        .hasMessageContaining("must be letters, digits");
    assertThatThrownBy(() -> Grant.extension(JWT_BEARER).withParameter("tenant", ""))
        .hasMessage("the value of tenant must not be empty");
  }

  @Test
  void reauthentication_refusedWhileASecretIsAFixedString() {
    ExtensionGrant pasted = Grant.extension(JWT_BEARER).withSecret("assertion", ASSERTION);
    assertThatThrownBy(() -> pasted.withReauthentication(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("assertion is a fixed string, good once");
    ExtensionGrant signing =
        Grant.extension(JWT_BEARER).withSecret("assertion", () -> "a").withReauthentication(true);
    assertThatThrownBy(() -> signing.withSecret("assertion", ASSERTION))
        .hasMessageContaining("pass a supplier");
  }

  @Test
  void supplierGivingNothing_failsBeforeSending() {
    ExtensionGrant g = Grant.extension(JWT_BEARER).withSecret("assertion", () -> "");
    assertThatThrownBy(() -> TokenRequests.of(g))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the assertion supplier gave no value");
  }

  @Test
  void passwordFromSupplier_askedPerRequest() {
    AtomicInteger asked = new AtomicInteger();
    PasswordGrant g = Grant.password("alice", () -> "pw-" + asked.incrementAndGet());
    assertThat(asked).hasValue(0);
    assertThat(TokenRequests.of(g).form()).containsEntry("password", "pw-1");
    assertThat(TokenRequests.of(g).form()).containsEntry("password", "pw-2");
    assertThat(g.toString()).doesNotContain("pw-");
  }
}
