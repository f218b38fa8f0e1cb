package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.fuzz.HostileJson;
import dev.lanyard.provider.ProviderMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Token responses and discovery documents from a hostile provider: every body ends in a result or a
 * documented failure ({@link MalformedResponseException}), and whatever tokens come out hold
 * visible ASCII only, with a type Lanyard understands.
 */
class ProviderResponsePropertiesTest {
  private static final List<String> TOKEN_MEMBERS =
      List.of(
          "access_token",
          "token_type",
          "expires_in",
          "refresh_token",
          "refresh_expires_in",
          "id_token",
          "scope",
          "error",
          "error_description",
          "error_uri");
  private static final List<String> DISCOVERY_MEMBERS =
      List.of(
          "issuer",
          "token_endpoint",
          "authorization_endpoint",
          "device_authorization_endpoint",
          "jwks_uri",
          "revocation_endpoint",
          "registration_endpoint",
          "id_token_signing_alg_values_supported",
          "code_challenge_methods_supported",
          "authorization_response_iss_parameter_supported");

  @Provide
  Arbitrary<String> tokenBodies() {
    return HostileJson.body(TOKEN_MEMBERS);
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.of(200, 200, 200, 201, 400, 401, 500);
  }

  @Property(tries = 500)
  void tokenResponse_resultOrMalformed_tokensClean(
      @ForAll("tokenBodies") String body, @ForAll("statuses") int status) {
    TokenResponse r;
    try {
      r =
          TokenEndpoint.parse(
              CannedResponse.json(status, body),
              Instant.EPOCH,
              Scope.EMPTY,
              Duration.ofMinutes(5),
              "the token endpoint");
    } catch (MalformedResponseException e) {
      assertThat(e.getMessage()).startsWith("the token endpoint answered");
      return;
    }
    if (r instanceof TokenResponse.Success s) {
      TokenSet t = s.tokens();
      assertThat(t.tokenType()).isEqualTo("Bearer");
      assertThat(t.authorizationHeader()).matches("Bearer [!-~]+");
      t.refreshToken().ifPresent(v -> assertThat(v).matches("[!-~]+"));
      t.idToken().ifPresent(v -> assertThat(v).matches("[!-~]+"));
    } else if (r instanceof TokenResponse.Failure f) {
      assertThat(f.error().getMessage().chars().filter(Character::isISOControl)).isEmpty();
    }
  }

  @Provide
  Arbitrary<String> discoveryBodies() {
    return HostileJson.body(DISCOVERY_MEMBERS);
  }

  @Property(tries = 300)
  void discoveryDocument_metadataOrMalformed(@ForAll("discoveryBodies") String body) {
    try {
      ProviderMetadata m = ProviderMetadata.parse(body);
      assertThat(m.tokenEndpoint().isAbsolute()).isTrue();
    } catch (MalformedResponseException e) {
      assertThat(e.getMessage()).startsWith("invalid provider metadata");
    }
  }
}
