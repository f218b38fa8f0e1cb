package dev.lanyard.labarchives;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.provider.ProviderWebLogin;
import dev.lanyard.labarchives.plugin.LabArchivesProvider;
import dev.lanyard.login.PendingLoginStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * Signs people in to LabArchives from a web application that owns its callback URL: {@link
 * #loginUrl} to redirect the browser to, {@link #complete} with the callback's parameters, which
 * ends in the {@link LabArchivesUser} with their notebooks.
 *
 * <pre>{@code
 * LabArchivesWebLogin web = la.webLogin().build();
 * response.sendRedirect(web.loginUrl(callbackUrl).toString());     // GET /login
 * LabArchivesUser user = web.complete(callbackParameters);         // GET /callback?...
 * }</pre>
 *
 * <p>LabArchives' callback carries no {@code state} of its own, so the callback URL gets a one-time
 * {@value #STATE_PARAMETER} parameter kept in a {@link PendingLoginStore}: good once, for the
 * store's lifetime (10 minutes by default). An unknown, reused or expired state is refused with
 * {@link InvalidTokenException} (login CSRF); a callback without {@code email} or {@code auth_code}
 * with {@link MalformedResponseException}, leaving the sign-in pending; an {@code error} callback
 * with {@link LabArchivesAuthenticationException}.
 */
public final class LabArchivesWebLogin {
  /** The query parameter added to the callback URL to tie a callback to its sign-in. */
  public static final String STATE_PARAMETER = ProviderWebLogin.STATE_PARAMETER;

  private final ProviderWebLogin<LabArchivesUser> web;

  private LabArchivesWebLogin(ProviderWebLogin<LabArchivesUser> web) {
    this.web = web;
  }

  /**
   * Starts a sign-in: remembers it, and returns LabArchives' login URL to redirect the browser to.
   * {@code callbackUrl} must be HTTPS (or loopback HTTP) and may have a query of its own.
   */
  public URI loginUrl(URI callbackUrl) throws IOException {
    return web.loginUrl(callbackUrl);
  }

  /**
   * Completes a sign-in from every query parameter of its callback: checks the state, and exchanges
   * the e-mail and code for the user.
   */
  public LabArchivesUser complete(Map<String, String> callbackParameters) throws IOException {
    return web.complete(callbackParameters);
  }

  @Override
  public String toString() {
    return "LabArchivesWebLogin" + web.toString().substring(web.toString().indexOf('{'));
  }

  /** Builds a {@link LabArchivesWebLogin}. */
  public static final class Builder {
    private final ProviderWebLogin.Builder<LabArchivesUser> web;

    Builder(LabArchivesProvider provider, Transport transport, InstantSource clock) {
      this.web =
          ProviderWebLogin.builder(provider, provider::redeemUser)
              .transport(transport)
              .clock(clock);
    }

    /**
     * Where started sign-ins wait for their callback, and for how long; default {@link
     * PendingLoginStore#inMemory()}: 10,000 at most, 10 minutes each. Plug in a shared one when
     * several instances run behind a load balancer.
     */
    public Builder pendingLoginStore(PendingLoginStore store) {
      web.pendingLoginStore(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * Leaves the {@value LabArchivesWebLogin#STATE_PARAMETER} parameter out, for the case that
     * LabArchives drops the query of the callback URL. The application must then tie each callback
     * to the browser session that started the sign-in itself, or anyone can sign a person in as
     * someone else.
     */
    public Builder withoutState() {
      web.withoutState();
      return this;
    }

    /** The login. */
    public LabArchivesWebLogin build() {
      return new LabArchivesWebLogin(web.build());
    }
  }
}
