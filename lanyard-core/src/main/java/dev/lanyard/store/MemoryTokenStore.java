package dev.lanyard.store;

import dev.lanyard.TokenSet;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Keeps tokens in this process only. */
final class MemoryTokenStore implements TokenStore {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile TokenSet tokens;

  @Override
  public Optional<TokenSet> load() {
    return Optional.ofNullable(tokens);
  }

  @Override
  public void save(TokenSet tokens) {
    lock.lock();
    try {
      this.tokens = java.util.Objects.requireNonNull(tokens, "tokens");
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
    lock.lock();
    try {
      TokenSet current = tokens;
      TokenSet next = update.apply(Optional.ofNullable(current));
      if (next != current) {
        tokens = java.util.Objects.requireNonNull(next, "update returned null");
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
