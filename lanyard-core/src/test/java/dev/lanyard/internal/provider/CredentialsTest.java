package dev.lanyard.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's data types: validation, order, and what their toString leaves out. */
class CredentialsTest {

  @Test
  void of_keepsOrderAndIsImmutable() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("uid", "u-123");
    values.put("email", "ada@example.org");
    Credentials c = Credentials.of("labarchives", values);
    values.put("later", "x");

    assertThat(c.values())
        .containsExactly(Map.entry("uid", "u-123"), Map.entry("email", "ada@example.org"));
    assertThat(c.value("email")).contains("ada@example.org");
    assertThat(c.value("name")).isEmpty();
    assertThatThrownBy(() -> c.values().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_namesNoValue() {
    Credentials c = Credentials.of("labarchives", Map.of("uid", "u-SECRET"));

    assertThat(c).hasToString("Credentials{provider=labarchives, values=[uid]}");
  }

  @Test
  void of_badProviderNameOrValue_exactMessages() {
    assertThatThrownBy(() -> Credentials.of("Lab Archives", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "provider must be 1-64 lowercase letters, digits, '.', '_' or '-', was 'Lab Archives'");
    assertThatThrownBy(() -> Credentials.of("x", Map.of("a b", "v")))
        .hasMessage("a credential name must be 1-64 letters, digits, '.', '_' or '-', was 'a b'");
    assertThatThrownBy(() -> Credentials.of("x", Map.of("uid", "")))
        .hasMessage("credential uid must not be empty");
  }

  @Test
  void require_missingOrOtherProvider_exactMessages() {
    Credentials c = Credentials.of("labarchives", Map.of("uid", "u"));

    assertThat(c.require("uid")).isEqualTo("u");
    assertThatThrownBy(() -> c.require("email"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the labarchives credentials have no email");
    assertThat(c.requireProvider("labarchives")).isSameAs(c);
    assertThatThrownBy(() -> c.requireProvider("toy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("these are labarchives credentials, not toy credentials");
  }

  @Test
  void equals_byProviderAndValues() {
    assertThat(Credentials.of("a", Map.of("k", "v")))
        .isEqualTo(Credentials.of("a", Map.of("k", "v")))
        .hasSameHashCodeAs(Credentials.of("a", Map.of("k", "v")))
        .isNotEqualTo(Credentials.of("b", Map.of("k", "v")))
        .isNotEqualTo(Credentials.of("a", Map.of("k", "w")));
  }

  @Test
  void identity_displayNameAndRedactedToString() {
    ProviderIdentity id = ProviderIdentity.of("u-SECRET");

    assertThat(id.displayName()).isEqualTo("u-SECRET");
    assertThat(id.withEmail("ada@example.org").displayName()).isEqualTo("ada@example.org");
    assertThat(id.withEmail("ada@example.org").withName("Ada").displayName())
        .isEqualTo("Ada <ada@example.org>");
    assertThat(id.withEmail("ada@example.org").toString())
        .doesNotContain("u-SECRET")
        .contains("ada@example.org");
    assertThatThrownBy(() -> ProviderIdentity.of("")).hasMessage("userId must not be empty");
  }

  @Test
  void callbackResponses_acceptedShowsNamesOnly() {
    CallbackResponse accepted = CallbackResponse.accepted(Map.of("auth_code", "SECRET-CODE"));
    CallbackResponse denied = CallbackResponse.denied(new IOException("no"));

    assertThat(accepted.toString()).isEqualTo("Accepted[auth_code]");
    assertThat(((CallbackResponse.Accepted) accepted).parameter("auth_code"))
        .contains("SECRET-CODE");
    assertThat(denied).isInstanceOf(CallbackResponse.Denied.class);
    assertThat(CallbackResponse.incomplete("no email parameter"))
        .isEqualTo(new CallbackResponse.Incomplete("no email parameter"));
  }

  @Test
  void providerContext_toStringShowsSettingNamesOnly() {
    ProviderContext context = ProviderContext.of(Map.of("ACCESS_PWD", "SECRET"));

    assertThat(context.toString()).contains("ACCESS_PWD").doesNotContain("SECRET");
    assertThat(context.environment()).isEqualTo(System.getenv());
  }
}
