package dev.lanyard;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth scope: an ordered set of space-free scope tokens, written space-separated on the wire
 * (RFC 6749 §3.3).
 */
public final class Scope {
  /** No scope at all: the request leaves the scope to the provider. */
  public static final Scope EMPTY = new Scope(Set.of());

  private final Set<String> values;

  private Scope(Set<String> values) {
    this.values = values;
  }

  /** Parses a space-separated scope string such as {@code "openid email"}; blank means empty. */
  public static Scope of(String spaceSeparated) {
    Objects.requireNonNull(spaceSeparated, "spaceSeparated");
    String trimmed = spaceSeparated.strip();
    if (trimmed.isEmpty()) {
      return EMPTY;
    }
    return of(trimmed.split("\\s+"));
  }

  /** A scope made of the given tokens, in order, duplicates removed. */
  public static Scope of(String... tokens) {
    Set<String> set = new LinkedHashSet<>();
    for (String token : tokens) {
      Objects.requireNonNull(token, "scope token");
      // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
      if (token.isEmpty()
          || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '"' || c == '\\')) {
        throw new IllegalArgumentException("invalid scope token: '" + token + "'");
      }
      set.add(token);
    }
    return set.isEmpty() ? EMPTY : new Scope(Collections.unmodifiableSet(set));
  }

  /** This scope with the other's tokens added after its own. */
  public Scope union(Scope other) {
    if (other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    String[] all = new String[values.size() + other.values.size()];
    int i = 0;
    for (String v : values) {
      all[i++] = v;
    }
    for (String v : other.values) {
      all[i++] = v;
    }
    return of(all);
  }

  /** True when this scope holds {@code token}, e.g. {@code openid}. */
  public boolean contains(String token) {
    return values.contains(token);
  }

  /** True for no scope at all, which leaves the scope to the provider. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The tokens, in order. */
  public Set<String> values() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scope other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The wire form: tokens separated by single spaces. */
  @Override
  public String toString() {
    return String.join(" ", values);
  }
}
