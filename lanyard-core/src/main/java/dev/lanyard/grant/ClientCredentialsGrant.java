package dev.lanyard.grant;

import dev.lanyard.Scope;
import java.util.Objects;

/** The client credentials grant (RFC 6749 §4.4): a service signs in as itself, with a scope. */
public final class ClientCredentialsGrant implements Grant {
  private final Scope scope;

  ClientCredentialsGrant(Scope scope) {
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /** The scope asked for; empty leaves it to the provider. */
  public Scope scope() {
    return scope;
  }

  /** Always true: the client's own credentials sign it in again whenever asked. */
  @Override
  public boolean canReauthenticate() {
    return true;
  }

  @Override
  public String toString() {
    return "ClientCredentials{scope=" + scope + '}';
  }
}
