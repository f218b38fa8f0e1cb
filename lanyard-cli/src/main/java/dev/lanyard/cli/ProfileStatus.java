package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of one profile's sign-in, from its settings and token file alone (no network).
 *
 * @param settings the profile's settings
 * @param store where its tokens are
 * @param tokens the stored tokens, if readable
 * @param damaged true when a token file exists but cannot be read
 * @param renewable true when a session can get tokens without a person (refresh token, or a flow
 *     that signs in again by itself with a configured secret)
 * @param now when this was judged
 */
record ProfileStatus(
    Settings settings,
    TokenStore store,
    Optional<TokenSet> tokens,
    boolean damaged,
    boolean renewable,
    Instant now) {

  static ProfileStatus of(Context ctx, Settings s) throws IOException {
    TokenStore store = ctx.store(s);
    Optional<TokenSet> tokens = store.load();
    boolean damaged = tokens.isEmpty() && TokenStores.file(store).map(Files::exists).orElse(false);
    Instant now = ctx.env().clock().instant();
    boolean renewable = tokens.map(t -> t.refreshValid(s.skew(), now)).orElse(false);
    Flow flow = s.flowSet().orElse(null);
    Secrets secrets = new Secrets(ctx.env(), ctx.vars());
    if (!renewable && s.hasProvider() && s.clientId().isPresent()) {
      try {
        if (flow == Flow.CLIENT_CREDENTIALS) {
          renewable = secrets.clientSecret(s, null, null).isPresent();
        } else if (flow == Flow.PASSWORD) {
          renewable = secrets.passwordWithoutPrompt(s, null).isPresent();
        }
      } catch (CliError | ConfigException e) {
        renewable = false; // a secret variable named but not set: not without a person
      }
    }
    return new ProfileStatus(s, store, tokens, damaged, renewable, now);
  }

  /** True when the access token is valid now (with the skew). */
  boolean accessValid() {
    return tokens.map(t -> t.accessValid(t.effectiveSkew(settings.skew()), now)).orElse(false);
  }

  /** Signed in: a valid access token, or a way to get one without a person. */
  boolean signedIn() {
    return accessValid() || renewable;
  }

  /** One word or phrase for people. */
  String state() {
    if (damaged) {
      return "not signed in: the token file is damaged or unreadable";
    }
    if (accessValid()) {
      return "signed in";
    }
    if (renewable) {
      return "signed in (the access token is renewed on next use)";
    }
    return tokens.isPresent() ? "not signed in: the tokens expired" : "not signed in";
  }
}
