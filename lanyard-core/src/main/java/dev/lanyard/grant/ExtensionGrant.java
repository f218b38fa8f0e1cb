package dev.lanyard.grant;

import dev.lanyard.Scope;
import dev.lanyard.internal.secret.FixedSecret;
import dev.lanyard.internal.text.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A grant Lanyard does not ship, as data (RFC 6749 §4.5, extension grants): its {@code grant_type},
 * its form parameters, and whether it can sign in again. A session treats it like a built-in grant:
 * one request per expiry across callers, tokens in the store, refreshes with the refresh token it
 * returns, and — when it {@linkplain #withReauthentication(boolean) can re-authenticate} — the
 * grant sent again when the refresh token dies.
 *
 * <p>The JWT bearer grant of RFC 7523 §2.1, with a fresh assertion per request:
 *
 * <pre>{@code
 * Grant jwtBearer = Grant.extension("urn:ietf:params:oauth:grant-type:jwt-bearer")
 *     .withSecret("assertion", assertions::next)
 *     .withReauthentication(true);
 * }</pre>
 *
 * <p>Secret parameters are suppliers, asked only when a request is sent; {@code toString()} shows
 * their names, never their values. The parameters that belong to the client ({@code client_id},
 * {@code client_secret}, {@code client_assertion…}) come from the session's client authentication,
 * {@code scope} from {@link #withScope}, and {@code grant_type} from the grant type: none of them
 * can be set here. An extension grant's request is never retried with the same values (an assertion
 * may be good once); the next token call asks the suppliers again.
 */
public final class ExtensionGrant implements Grant {
  private static final Set<String> RESERVED =
      Set.of(
          "grant_type",
          "scope",
          "client_id",
          "client_secret",
          "client_assertion",
          "client_assertion_type");

  private final String grantType;
  private final Map<String, Supplier<String>> parameters;
  private final Set<String> secrets;
  private final Scope scope;
  private final boolean reauthenticates;

  private ExtensionGrant(
      String grantType,
      Map<String, Supplier<String>> parameters,
      Set<String> secrets,
      Scope scope,
      boolean reauthenticates) {
    this.grantType = grantType;
    this.parameters = parameters;
    this.secrets = secrets;
    this.scope = scope;
    this.reauthenticates = reauthenticates;
  }

  static ExtensionGrant of(String grantType) {
    return new ExtensionGrant(checkType(grantType), Map.of(), Set.of(), Scope.EMPTY, false);
  }

  /**
   * This grant with a plain form parameter, e.g. {@code ("requested_subject", "ada")}; a parameter
   * of the same name is replaced. Use {@link #withSecret} for anything secret.
   *
   * @throws IllegalArgumentException for a name that is not an RFC 6749 parameter name or is one of
   *     the reserved names, or an empty value
   */
  public ExtensionGrant withParameter(String name, String value) {
    if (Objects.requireNonNull(value, "value").isEmpty()) {
      throw new IllegalArgumentException("the value of " + name + " must not be empty");
    }
    String v = value;
    return with(name, () -> v, false);
  }

  /**
   * This grant with a secret form parameter, e.g. {@code ("assertion", assertions::next)}: the
   * supplier is asked once per request, right before it is sent, and its value is never shown.
   *
   * @throws IllegalArgumentException for a name that is not an RFC 6749 parameter name or is one of
   *     the reserved names
   */
  public ExtensionGrant withSecret(String name, Supplier<String> secret) {
    return with(name, Objects.requireNonNull(secret, "secret"), true);
  }

  /**
   * This grant with a secret form parameter given once as a string: good for one request, so the
   * grant cannot re-authenticate with it (see {@link #withReauthentication}).
   */
  public ExtensionGrant withSecret(String name, String secret) {
    return with(name, FixedSecret.of(secret, name), true);
  }

  /** This grant asking for the given scope; empty (the default) leaves it to the provider. */
  public ExtensionGrant withScope(Scope scope) {
    return new ExtensionGrant(
        grantType, parameters, secrets, Objects.requireNonNull(scope, "scope"), reauthenticates);
  }

  /**
   * Whether a session may send this grant again, without a person, when its tokens run out and no
   * refresh token helps: true when every secret comes from a supplier that makes fresh ones (a
   * signer of assertions), false (the default) when the grant is good once, like a pasted
   * assertion.
   *
   * @throws IllegalArgumentException for {@code true} while a secret is a fixed string
   */
  public ExtensionGrant withReauthentication(boolean reauthenticates) {
    if (reauthenticates) {
      for (Map.Entry<String, Supplier<String>> p : parameters.entrySet()) {
        String name = p.getKey();
        if (secrets.contains(name) && FixedSecret.isFixed(p.getValue())) {
          throw new IllegalArgumentException(
              name
                  + " is a fixed string, good once: pass a supplier of fresh values to let the"
                  + " grant sign in again");
        }
      }
    }
    return new ExtensionGrant(grantType, parameters, secrets, scope, reauthenticates);
  }

  /** The {@code grant_type} sent: an absolute URI or a registered name. */
  public String grantType() {
    return grantType;
  }

  /**
   * The form parameters in the order given, as suppliers: a secret's supplier is asked only when a
   * request is sent.
   */
  public Map<String, Supplier<String>> parameters() {
    return parameters;
  }

  /** True when the parameter {@code name} is a secret. */
  public boolean isSecret(String name) {
    return secrets.contains(name);
  }

  /** The scope asked for; empty leaves it to the provider. */
  public Scope scope() {
    return scope;
  }

  /** As {@linkplain #withReauthentication(boolean) declared}; false by default. */
  @Override
  public boolean canReauthenticate() {
    return reauthenticates;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Extension{grantType=").append(grantType);
    parameters
        .keySet()
        .forEach(n -> s.append(", ").append(n).append(secrets.contains(n) ? "=[redacted]" : "=…"));
    return s.append(", scope=").append(scope).append('}').toString();
  }

  private ExtensionGrant with(String name, Supplier<String> value, boolean secret) {
    checkName(name);
    Map<String, Supplier<String>> p = new LinkedHashMap<>(parameters);
    p.put(name, value);
    Set<String> s = new HashSet<>(secrets);
    if (secret) {
      s.add(name);
    } else {
      s.remove(name);
    }
    if (secret && reauthenticates && FixedSecret.isFixed(value)) {
      throw new IllegalArgumentException(
          name + " is a fixed string, good once, and this grant re-authenticates: pass a supplier");
    }
    return new ExtensionGrant(
        grantType, Collections.unmodifiableMap(p), Set.copyOf(s), scope, reauthenticates);
  }

  /** {@code grant-name = 1*name-char} or an absolute URI (RFC 6749 Appendix A.10). */
  private static String checkType(String grantType) {
    Objects.requireNonNull(grantType, "grantType");
    if (isName(grantType)) {
      return grantType;
    }
    try {
      URI uri = new URI(grantType);
      if (uri.isAbsolute() && grantType.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        return grantType;
      }
    } catch (URISyntaxException e) {
      // not a URI either: refused below
    }
    throw new IllegalArgumentException(
        "grant type "
            + Printable.quoted(grantType)
            + " is neither a name of letters, digits, '-', '.', '_' nor an absolute URI");
  }

  private static void checkName(String name) {
    if (!isName(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException(
          "parameter name " + Printable.quoted(name) + " must be letters, digits, '-', '.', '_'");
    }
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException(
          name
              + " is not a grant parameter here: "
              + (name.equals("scope")
                  ? "use withScope"
                  : name.equals("grant_type")
                      ? "it is the grant type"
                      : "it comes from the session's client authentication"));
    }
  }

  private static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 200) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
