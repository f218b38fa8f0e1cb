package dev.lanyard.store;

import dev.lanyard.TokenSet;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a session keeps its tokens between calls, threads and processes.
 *
 * <p>{@link #update} is the exclusive section a session refreshes in: while one caller is inside it
 * for a store, no other caller of the same store (in this process or, for the file store, in any
 * process) is. That is what makes N processes make one refresh and never present a rotated-out
 * refresh token.
 */
public interface TokenStore {

  /** The stored tokens; empty when there are none, or when the stored copy cannot be read. */
  Optional<TokenSet> load() throws IOException;

  /** Replaces the stored tokens. */
  void save(TokenSet tokens) throws IOException;

  /** Removes the stored tokens. */
  void clear() throws IOException;

  /**
   * Runs {@code update} exclusively: it receives the tokens stored right now (re-read inside the
   * section) and returns the tokens to keep. Returning the very instance it was given leaves the
   * store untouched; returning another is saved before the section ends.
   *
   * @return what {@code update} returned
   */
  TokenSet update(Update update) throws IOException;

  /** A human-readable location for status displays, e.g. a file path, or {@code "memory"}. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** A fresh in-memory store: the library default, lost when the process ends. */
  static TokenStore memory() {
    return new MemoryTokenStore();
  }

  /** The body of an exclusive section; see {@link TokenStore#update}. */
  @FunctionalInterface
  interface Update {
    TokenSet apply(Optional<TokenSet> current) throws IOException;
  }
}
