package dev.lanyard.cli;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.cli.config.Flow;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * A profile's valid tokens. The fast path reads the token file without a lock and, when the token
 * is valid for the skew plus {@code minValid}, returns it without building a session: that is what
 * a warm {@code lanyard token} does. Otherwise the core's session renews, in the store's exclusive
 * section, so concurrent {@code lanyard} processes make one refresh between them.
 */
final class Tokens {
  private Tokens() {}

  /** The stored tokens when valid for the skew plus {@code minValid}; read without a lock. */
  static Optional<TokenSet> cached(Context ctx, Settings s, Duration minValid) {
    if (s.plugin().isPresent()) {
      return Optional.empty(); // a provider plug-in: never answered from a token file
    }
    Optional<TokenSet> stored;
    try {
      stored = ctx.store(s).load();
    } catch (IOException e) {
      return Optional.empty(); // a shared store that cannot be read now: the session says why
    }
    if (stored.isPresent()
        && stored
            .get()
            .accessValid(
                stored.get().effectiveSkew(s.skew()).plus(minValid), ctx.env().clock().instant())) {
      return stored;
    }
    return Optional.empty();
  }

  static TokenSet valid(Context ctx, Settings s, Duration minValid, boolean force)
      throws IOException {
    if (s.plugin().isPresent()) {
      return ProviderPlugins.bearer(ctx, s);
    }
    TokenStore store = ctx.store(s);
    boolean isStatic = s.flowSet().orElse(null) == Flow.TOKEN;
    if (!force || isStatic) {
      Optional<TokenSet> stored = cached(ctx, s, minValid);
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    TokenSession session = new Providers(ctx, s).session(store);
    try {
      return force && !isStatic ? session.forceRefresh() : session.token(minValid);
    } catch (NoCredentialsException | LoginRequiredException e) {
      if (store instanceof FileTokenStore f && Files.exists(f.path()) && store.load().isEmpty()) {
        throw new LoginRequiredException(
            "the token file "
                + f.path()
                + " of profile '"
                + s.profile()
                + "' is damaged or unreadable; sign in again",
            e);
      }
      if (e instanceof NoCredentialsException) {
        throw new LoginRequiredException(
            "profile '" + s.profile() + "' is not signed in; sign in first", e);
      }
      throw e;
    }
  }
}
