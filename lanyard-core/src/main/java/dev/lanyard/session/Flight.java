package dev.lanyard.session;

import dev.lanyard.TokenSet;
import java.util.concurrent.CompletableFuture;

/**
 * The one refresh in flight, and the generation of the session it renews: a caller that has seen a
 * later {@code clear()} must not take a flight's outcome from before it, only wait for it to end.
 */
final class Flight extends CompletableFuture<TokenSet> {
  final long generation;

  Flight(long generation) {
    this.generation = generation;
  }

  /** True when this flight's outcome is good for a caller that saw {@code seen}. */
  boolean serves(State seen) {
    return generation >= seen.generation;
  }
}
