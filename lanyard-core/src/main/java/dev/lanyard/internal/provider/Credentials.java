package dev.lanyard.internal.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@link CallbackProvider} sign-in yields, when it is not a {@link dev.lanyard.TokenSet}:
 * named string values for one provider, such as a LabArchives user id and e-mail. Immutable; a
 * {@link CredentialStore} keeps them. Every value counts as a secret: {@link #toString()} shows the
 * provider and the names only.
 *
 * <pre>{@code
 * Credentials c = Credentials.of("labarchives", Map.of("uid", uid, "email", email));
 * String uid = c.require("uid");
 * }</pre>
 */
public final class Credentials {
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String provider;
  private final Map<String, String> values;

  private Credentials(String provider, Map<String, String> values) {
    this.provider = provider;
    this.values = values;
  }

  /**
   * Credentials for {@code provider} (lowercase letters, digits, {@code . _ -}) with these values
   * (names of letters, digits, {@code . _ -}; values not empty), kept in the map's order.
   *
   * @throws IllegalArgumentException naming the provider, name or value that is not allowed
   */
  public static Credentials of(String provider, Map<String, String> values) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(values, "values");
    if (!PROVIDER.matcher(provider).matches()) {
      throw new IllegalArgumentException(
          "provider must be 1-64 lowercase letters, digits, '.', '_' or '-', was '"
              + provider
              + "'");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "value name");
      String value = Objects.requireNonNull(e.getValue(), name);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a credential name must be 1-64 letters, digits, '.', '_' or '-', was '" + name + "'");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("credential " + name + " must not be empty");
      }
      copy.put(name, value);
    }
    return new Credentials(provider, Collections.unmodifiableMap(copy));
  }

  /** The {@linkplain CallbackProvider#id() id} of the provider these belong to. */
  public String provider() {
    return provider;
  }

  /** All values, by name, in their original order; unmodifiable. */
  public Map<String, String> values() {
    return values;
  }

  /** The value named {@code name}; empty when there is none. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * The value named {@code name}.
   *
   * @throws IllegalStateException when there is none, naming the provider and the value
   */
  public String require(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("the " + provider + " credentials have no " + name);
    }
    return v;
  }

  /**
   * Fails unless these credentials belong to {@code providerId}: for providers, before they use
   * them.
   *
   * @throws IllegalArgumentException naming both providers
   */
  public Credentials requireProvider(String providerId) {
    if (!provider.equals(providerId)) {
      throw new IllegalArgumentException(
          "these are " + provider + " credentials, not " + providerId + " credentials");
    }
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c && provider.equals(c.provider) && values.equals(c.values);
  }

  @Override
  public int hashCode() {
    return provider.hashCode() * 31 + values.hashCode();
  }

  /** The provider and the value names, never a value. */
  @Override
  public String toString() {
    return "Credentials{provider=" + provider + ", values=" + values.keySet() + '}';
  }
}
