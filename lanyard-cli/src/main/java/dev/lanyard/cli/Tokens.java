package dev.lanyard.cli;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
      // A token file is read without the JSON library (and without making the store) when it is
      // exactly what the store writes; anything else is the store's to read and report.
      TokenSet fast = TokenStores.fileOf(ctx, s).map(TokenFileReader::read).orElse(null);
      stored = fast != null ? Optional.of(fast) : ctx.store(s).load();
    } catch (IOException e) {
      return Optional.empty(); // the full path says why
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
      Optional<Path> file = TokenStores.file(store);
      if (file.isPresent() && Files.exists(file.get()) && store.load().isEmpty()) {
        throw new LoginRequiredException(
            "the token file "
                + file.get()
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
