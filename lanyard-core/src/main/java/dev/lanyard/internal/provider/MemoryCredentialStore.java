package dev.lanyard.internal.provider;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Credentials in a field: for tests, and for applications that keep nothing between runs. */
final class MemoryCredentialStore implements CredentialStore {
  private volatile @Nullable Credentials credentials;

  @Override
  public Optional<Credentials> load() {
    return Optional.ofNullable(credentials);
  }

  @Override
  public void save(Credentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public void clear() {
    credentials = null;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public String toString() {
    return "CredentialStore.memory()";
  }
}
