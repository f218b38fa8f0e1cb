package dev.lanyard.session;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.TokenSet;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for the refresh in flight, with the session's deadline: blocking for {@code token()}, as
 * a future for {@code tokenAsync()}. Both end in the same exceptions.
 */
final class Waits {
  private Waits() {}

  /** Blocks for {@code refresh}'s tokens, at most {@code timeout}. */
  static TokenSet await(CompletableFuture<TokenSet> refresh, Duration timeout) throws IOException {
    try {
      return refresh.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a token");
    } catch (TimeoutException e) {
      throw timedOut(timeout);
    } catch (ExecutionException e) {
      Throwable cause = failure(e); // unwraps e itself
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw (Error) cause;
    }
  }

  /** Blocks until {@code refresh} ends, at most {@code timeout}, whatever its outcome. */
  static void awaitEnd(CompletableFuture<TokenSet> refresh, Duration timeout) throws IOException {
    try {
      await(refresh, timeout);
    } catch (LoginTimeoutException | InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Its outcome belongs to its own callers.
    }
  }

  /**
   * A future of {@code refresh}'s tokens that fails at {@code timeout}; no thread waits for it. The
   * shared {@code refresh} itself never times out: other callers may have other deadlines.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the handler completes result, the caller's future
  static CompletableFuture<TokenSet> within(CompletableFuture<TokenSet> refresh, Duration timeout) {
    CompletableFuture<TokenSet> result = new CompletableFuture<>();
    refresh
        .copy()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (tokens, e) -> {
              if (e == null) {
                result.complete(tokens);
              } else if (e instanceof TimeoutException) {
                result.completeExceptionally(timedOut(timeout));
              } else {
                result.completeExceptionally(failure(e));
              }
            });
    return result;
  }

  /**
   * What a failed refresh throws to its callers: an {@link IOException}, a {@link RuntimeException}
   * or an {@link Error}, unwrapped from the future's and the store's wrappers.
   */
  static Throwable failure(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException || cause instanceof ExecutionException) {
      Throwable inner = cause.getCause();
      if (inner == null) {
        break;
      }
      cause = inner;
    }
    if (cause instanceof UncheckedIOException uio) {
      IOException io = uio.getCause(); // never null: its constructors require a cause
      return io != null ? io : uio;
    }
    if (cause instanceof IOException
        || cause instanceof RuntimeException
        || cause instanceof Error) {
      return cause;
    }
    return new IOException(cause);
  }

  private static LoginTimeoutException timedOut(Duration timeout) {
    return new LoginTimeoutException(
        "no token within " + timeout.toSeconds() + " s: the provider is slow or unreachable");
  }
}
