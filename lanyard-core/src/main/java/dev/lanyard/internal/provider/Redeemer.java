package dev.lanyard.internal.provider;

import java.io.IOException;

/**
 * Turns an accepted callback into what a login ends with: the provider's {@link Credentials} by
 * default ({@link #credentials}), or a richer result of the provider's own module, such as a
 * LabArchives user with their notebooks. Runs at most once per sign-in.
 *
 * @param <T> what the login ends with
 */
@FunctionalInterface
public interface Redeemer<T> {

  /** The result of one accepted callback. */
  T redeem(CallbackResponse.Accepted accepted) throws IOException;

  /**
   * {@link CallbackProvider#redeem}, refusing credentials of another provider.
   *
   * @throws IllegalStateException when the provider redeemed into another provider's credentials
   */
  static Redeemer<Credentials> credentials(CallbackProvider provider) {
    return accepted -> {
      Credentials c = provider.redeem(accepted);
      if (!c.provider().equals(provider.id())) {
        throw new IllegalStateException(
            provider.id() + " redeemed a callback into " + c.provider() + " credentials");
      }
      return c;
    };
  }
}
