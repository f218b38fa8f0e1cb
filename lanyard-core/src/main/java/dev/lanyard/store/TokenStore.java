package dev.lanyard.store;

import dev.lanyard.TokenSet;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a session keeps its tokens between calls, threads and processes: the plug-in point for
 * stores such as a shared file, Redis or an OS keychain.
 *
 * <p>{@link #update} is the exclusive section a session refreshes in: while one caller is inside it
 * for a store, no other caller of the same stored tokens (in this process or, for a shared store,
 * in any process) is. That is what makes N processes make one refresh and never present a
 * rotated-out refresh token.
 *
 * <p>What every implementation guarantees, checked by the contract test {@code TokenStoreContract}
 * in lanyard-core's test jar, which an implementation's tests extend:
 *
 * <ul>
 *   <li>All methods are safe to call from any thread. {@link #load} takes no lock and sees the last
 *       completed {@link #save}, {@link #clear} or {@link #update}; never a torn write.
 *   <li>{@link #save}, {@link #clear} and {@link #update} exclude each other for the same stored
 *       tokens, in every store instance and process that shares them. A thread already inside
 *       {@code update} may call any method of the same store again without deadlock.
 *   <li>Entering the section is bounded by a deadline; past it the call throws {@link
 *       dev.lanyard.LoginTimeoutException} and changes nothing.
 *   <li>A copy that cannot be read (corrupt, from an unknown version) loads as empty; an
 *       unreachable backend is an {@link IOException}. Messages and logs never show tokens.
 * </ul>
 */
public interface TokenStore {

  /** The stored tokens; empty when there are none, or when the stored copy cannot be read. */
  Optional<TokenSet> load() throws IOException;

  /** Replaces the stored tokens, in the exclusive section. */
  void save(TokenSet tokens) throws IOException;

  /** Removes the stored tokens, in the exclusive section; removing nothing is fine. */
  void clear() throws IOException;

  /**
   * Runs {@code update} exclusively: it receives the tokens stored right now (re-read inside the
   * section, not from a cache) and returns the tokens to keep. Returning the very instance it was
   * given leaves the store untouched (no write); returning another saves it before the section
   * ends, so the next caller to enter sees it. When {@code update} throws, nothing is written and
   * the exception propagates unchanged; when it returns null, nothing is written and this throws
   * {@link NullPointerException}.
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
    /** The tokens to keep, given {@code current}, the tokens stored now. */
    TokenSet apply(Optional<TokenSet> current) throws IOException;
  }
}
