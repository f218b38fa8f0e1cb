package dev.lanyard.store;

import dev.lanyard.TokenSet;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** Keeps tokens in this process only. */
final class MemoryTokenStore implements TokenStore {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable TokenSet tokens;

  @Override
  public Optional<TokenSet> load() {
    return Optional.ofNullable(tokens);
  }

  @Override
  public void save(TokenSet tokens) {
    lock.lock();
    try {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void clear() {
    lock.lock();
    try {
      tokens = null;
    } finally {
      lock.unlock();
    }
  }

  @SuppressWarnings("ReferenceEquality") // the same instance back means "unchanged"
  @Override
  public TokenSet update(Update update) throws IOException {
    Objects.requireNonNull(update, "update");
    lock.lock();
    try {
      TokenSet current = tokens;
      TokenSet next =
          Objects.requireNonNull(
              update.apply(Optional.ofNullable(current)), "update returned null");
      if (next != current) {
        tokens = next;
      }
      return next;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String describe() {
    return "memory";
  }
}
