package dev.lanyard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.fuzz.HostileJson;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Dynamic client registration responses (RFC 7591) from a hostile provider. */
class RegistrationResponsePropertiesTest {
  @Provide
  Arbitrary<String> bodies() {
    return HostileJson.objectWith(
        List.of(
            "client_id",
            "client_secret",
            "client_secret_expires_at",
            "client_id_issued_at",
            "registration_access_token",
            "registration_client_uri",
            "redirect_uris",
            "grant_types",
            "token_endpoint_auth_method",
            "client_name"));
  }

  @Property(tries = 300)
  void registrationResponse_clientOrMalformed(@ForAll("bodies") String body) throws ParseException {
    Map<String, Object> o = JSONObjectUtils.parse(body);
    try {
      RegisteredClient c = RegisteredClient.parse(o, body, 201);
      assertThat(c.clientId()).isNotEmpty();
    } catch (MalformedResponseException e) {
      assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty();
    }
  }
}
