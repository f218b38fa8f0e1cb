package dev.lanyard.session;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.internal.env.Variables;
import dev.lanyard.internal.text.Printable;
import dev.lanyard.transport.EnvironmentTransport;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link TokenSession#environmentBuilder(String)}: a session from conventional variables, with the
 * rule of where secrets go (docs/decisions/0017-where-secrets-go.md): a {@code .env} file gives the
 * two secret values and nothing else.
 */
final class EnvironmentSession {
  static final String DEFAULT_PREFIX = "LANYARD";
  private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]{0,40}");

  private final String prefix;
  private final Variables variables;

  private EnvironmentSession(String prefix, Variables variables) {
    this.prefix = prefix;
    this.variables = variables;
  }

  static TokenSession.Builder builder(
      String prefix, Map<String, String> process, Path workingDirectory) throws IOException {
    if (!PREFIX.matcher(prefix).matches() || prefix.endsWith("_")) {
      throw new IllegalArgumentException(
          "prefix "
              + Printable.quoted(prefix)
              + " must be upper-case letters, digits and '_' (e.g. MYAPI), without a final '_'");
    }
    return new EnvironmentSession(prefix, Variables.read(process, workingDirectory, prefix))
        .builder(process);
  }

  private TokenSession.Builder builder(Map<String, String> process) throws IOException {
    TokenSession.Builder b = TokenSession.builder();
    b.transport(EnvironmentTransport.of(process).applyTo(Transport.defaults()));
    @Nullable URI issuer = uri("ISSUER");
    @Nullable URI tokenEndpoint = uri("TOKEN_ENDPOINT");
    if (issuer != null && tokenEndpoint != null) {
      throw new IllegalArgumentException(
          "set " + name("ISSUER") + " or " + name("TOKEN_ENDPOINT") + ", not both");
    }
    @Nullable String clientId = process("CLIENT_ID");
    @Nullable String secret = secret("CLIENT_SECRET");
    @Nullable String username = process("USERNAME");
    @Nullable String password = secret("PASSWORD");
    @Nullable String scopes = process("SCOPE");
    Scope scope = scopes == null ? Scope.EMPTY : Scope.of(scopes);

    String missing =
        missing(issuer != null || tokenEndpoint != null, clientId, secret, username, password);
    if (missing != null) {
      b.noCredentialsHint = missing;
      return b;
    }
    if (issuer != null) {
      b.issuer(issuer);
    } else if (tokenEndpoint != null) {
      b.tokenEndpoint(tokenEndpoint);
    }
    String id = Objects.requireNonNull(clientId);
    b.client(
        secret != null
            ? ClientAuthentication.secretBasic(id, secret)
            : ClientAuthentication.none(id));
    if (username != null && password != null) {
      b.grant(Grant.password(username, password).withScope(scope));
    } else {
      b.grant(Grant.clientCredentials(scope));
    }
    return b;
  }

  /**
   * Null when the variables sign in; else the message of the {@code NoCredentialsException}, naming
   * what to set.
   */
  private @Nullable String missing(
      boolean hasProvider,
      @Nullable String clientId,
      @Nullable String secret,
      @Nullable String username,
      @Nullable String password) {
    List<String> set = new ArrayList<>();
    if (!hasProvider) {
      set.add(name("ISSUER") + " (or " + name("TOKEN_ENDPOINT") + ")");
    }
    if (clientId == null) {
      set.add(name("CLIENT_ID"));
    }
    if (username != null && password == null) {
      set.add(name("PASSWORD"));
    } else if (username == null && password != null) {
      set.add(name("USERNAME"));
    } else if (username == null && secret == null) {
      set.add(
          name("CLIENT_SECRET") + " (or " + name("USERNAME") + " and " + name("PASSWORD") + ")");
    }
    if (set.isEmpty()) {
      return null;
    }
    return "no credentials in the environment: set " + String.join(", ", set);
  }

  private String name(String suffix) {
    return prefix + "_" + suffix;
  }

  private @Nullable String process(String suffix) {
    String v = variables.getOrNull(name(suffix));
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** From the process, else from {@code .env}. */
  private @Nullable String secret(String suffix) {
    String v = variables.secret(name(suffix)).orElse(null);
    return v == null || v.isEmpty() ? null : v;
  }

  private @Nullable URI uri(String suffix) {
    String v = process(suffix);
    if (v == null) {
      return null;
    }
    try {
      URI u = new URI(v);
      if (!u.isAbsolute() || u.getHost() == null) {
        throw new URISyntaxException(v, "not an absolute http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          name(suffix) + " is not an absolute URL: " + Printable.quoted(v), e);
    }
  }
}
