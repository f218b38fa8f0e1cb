package dev.lanyard.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.fuzz.HostileJson;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Device authorization responses (RFC 8628 §3.2) from a hostile provider. */
class DeviceResponsePropertiesTest {
  @Provide
  Arbitrary<String> bodies() {
    return HostileJson.body(
        List.of(
            "device_code",
            "user_code",
            "verification_uri",
            "verification_uri_complete",
            "expires_in",
            "interval",
            "error",
            "error_description"));
  }

  @Property(tries = 300)
  void deviceResponse_startedOrDocumentedFailure(@ForAll("bodies") String body) {
    try {
      DeviceAuthorization.Started s = DeviceAuthorization.parse(200, body, Instant.EPOCH, null);
      assertThat(s.deviceCode()).isNotEmpty();
      assertThat(s.toString()).contains("deviceCode=[redacted]");
    } catch (MalformedResponseException | ProviderErrorException e) {
      assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty();
    }
  }
}
