package dev.lanyard.profiles;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Projects;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Named provider settings: issuer or token endpoint, default client id, scopes, client
 * authentication, the flow that signs in, and application names mapped to project ids. Immutable;
 * the {@code with…} methods return a changed copy (to point a preset at a test server, or to choose
 * another client).
 *
 * <pre>{@code
 * TokenSession session = Presets.named("cdse").sessionBuilder()
 *     .grant(Grant.password(user, password))
 *     .build();
 * }</pre>
 */
public final class Preset {
  private final String name;
  private final Profile settings;

  Preset(String name, Profile settings) {
    this.name = name;
    this.settings = settings;
  }

  /** The preset's name, e.g. {@code cdse}. */
  public String name() {
    return name;
  }

  /** The issuer (OIDC discovery), if the preset names one. */
  public Optional<URI> issuer() {
    return settings.issuer();
  }

  /** The token endpoint, if the preset names one (instead of, or on top of, the issuer). */
  public Optional<URI> tokenEndpoint() {
    return settings.uri(Setting.TOKEN_ENDPOINT);
  }

  /** The default client id, if any. */
  public Optional<String> clientId() {
    return settings.clientId();
  }

  /**
   * How the client authenticates: {@code none} (a public client), {@code basic}, {@code post}, …;
   * empty when the preset does not say.
   */
  public Optional<String> clientAuthentication() {
    return settings.text(Setting.CLIENT_AUTH);
  }

  /** The flow that signs in, as the command line names it ({@code password}, {@code browser}…). */
  public Optional<String> flow() {
    return settings.flow().map(Object::toString);
  }

  /** The scopes to ask for, with the project's audience scope when one was chosen. */
  public Scope scope() {
    List<String> scopes = settings.scopes();
    Scope scope = scopes.isEmpty() ? Scope.EMPTY : Scope.of(scopes.toArray(String[]::new));
    Optional<String> project = settings.text(Setting.PROJECT);
    if (project.isPresent()) {
      String id = settings.projects().id(project.get(), settings.text(Setting.ENVIRONMENT));
      scope = scope.union(Scope.of(Projects.audienceScope(id)));
    }
    return scope;
  }

  /** This preset with another issuer. */
  public Preset withIssuer(URI issuer) {
    return with(Setting.ISSUER, issuer.toString());
  }

  /** This preset with another token endpoint. */
  public Preset withTokenEndpoint(URI tokenEndpoint) {
    return with(Setting.TOKEN_ENDPOINT, tokenEndpoint.toString());
  }

  /** This preset with another client id. */
  public Preset withClientId(String clientId) {
    return with(Setting.CLIENT_ID, clientId);
  }

  /**
   * This preset asking for application {@code project} (a name in the preset's project list) in
   * {@code environment} (empty: the project's only id).
   *
   * @throws ConfigException listing the known projects (or environments) when there is no such id
   */
  public Preset withProject(String project, Optional<String> environment) {
    Preset p = with(Setting.PROJECT, project);
    if (environment.isPresent()) {
      p = p.with(Setting.ENVIRONMENT, environment.get());
    }
    p.scope(); // fails now, listing the known names
    return p;
  }

  private Preset with(Setting setting, String value) {
    try {
      return new Preset(name, settings.withText(setting, value));
    } catch (IllegalArgumentException e) {
      throw ConfigException.usage(e.getMessage());
    }
  }

  /**
   * A session builder with the preset's endpoint and, for a public client, its client: add a grant
   * (and a store) and build. A preset whose client authenticates with a secret sets no client: give
   * one with {@link TokenSession.Builder#client}.
   */
  public TokenSession.Builder sessionBuilder() {
    TokenSession.Builder b = TokenSession.builder();
    Optional<URI> tokenEndpoint = tokenEndpoint();
    if (tokenEndpoint.isPresent()) {
      b.tokenEndpoint(tokenEndpoint.get());
    } else {
      b.issuer(
          issuer()
              .orElseThrow(
                  () ->
                      ConfigException.usage(
                          "preset '" + name + "' names neither an issuer nor a token endpoint")));
    }
    Optional<String> clientId = clientId();
    if (clientId.isPresent() && clientAuthentication().map("none"::equals).orElse(true)) {
      b.client(ClientAuthentication.none(clientId.get()));
    }
    return b;
  }

  /** The settings as a profile would hold them, for the command line. */
  Profile settings() {
    return settings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preset p && name.equals(p.name) && settings.equals(p.settings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, settings);
  }

  @Override
  public String toString() {
    return "Preset[" + name + "]" + settings.values().keySet();
  }
}
