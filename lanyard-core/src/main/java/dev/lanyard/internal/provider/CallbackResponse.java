package dev.lanyard.internal.provider;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider makes of one callback's query parameters ({@link CallbackProvider#read}): not a
 * sign-in response at all, the provider's refusal, or a response to {@linkplain
 * CallbackProvider#redeem redeem}.
 */
public sealed interface CallbackResponse {

  /**
   * Not a complete sign-in response, e.g. a parameter is missing. The loopback server answers 400
   * and keeps waiting; web login refuses it without using up the pending sign-in.
   */
  static CallbackResponse incomplete(String reason) {
    return new Incomplete(reason);
  }

  /** The provider refused the sign-in; the login ends with {@code error}. */
  static CallbackResponse denied(IOException error) {
    return new Denied(error);
  }

  /** A sign-in response; {@code parameters} are what {@link CallbackProvider#redeem} needs. */
  static CallbackResponse accepted(Map<String, String> parameters) {
    return new Accepted(parameters);
  }

  /**
   * Not a complete sign-in response.
   *
   * @param reason why, for the answer page and logs, e.g. "no auth_code parameter"; never a secret
   */
  record Incomplete(String reason) implements CallbackResponse {
    /** Fails fast on a null reason. */
    public Incomplete {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The provider refused the sign-in.
   *
   * @param error what the login ends with; its message is shown on the answer page
   */
  record Denied(IOException error) implements CallbackResponse {
    /** Fails fast on a null error. */
    public Denied {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * A sign-in response to redeem.
   *
   * @param parameters the values the provider needs; {@link #toString()} shows only their names
   */
  record Accepted(Map<String, String> parameters) implements CallbackResponse {
    /** Copies the parameters, so a later change to the caller's map cannot reach the sign-in. */
    public Accepted {
      parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
    }

    /** The value of a parameter; empty when absent. */
    public Optional<String> parameter(String name) {
      return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public String toString() {
      return "Accepted" + parameters.keySet();
    }
  }
}
