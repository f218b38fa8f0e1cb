package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.internal.provider.ProviderIdentity;
import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.Durations;
import dev.lanyard.profiles.config.Locations;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.profiles.internal.Network;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.transport.EnvironmentTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard status}: per profile the provider, client, flow, identity, scopes, token expiry
 * and where things are kept. Exit 0 when signed in, 3 when not. Reads files only: no network.
 */
@Command(
    name = "status",
    header = "Show who is signed in, per profile, and where the files are.",
    description = "Exit 0 when the profile (with --all: every profile) is signed in, 3 when not.")
final class StatusCommand extends BaseCommand {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Option(names = "--all", description = "Every profile in the config file.")
  boolean all;

  @Option(names = "--json", description = "JSON on standard output instead of text.")
  boolean json;

  @Override
  int run() throws Exception {
    String current = profile();
    Config config = ctx().config();
    List<String> names = new ArrayList<>();
    if (all) {
      names.addAll(config.profiles().keySet());
    } else {
      names.add(current);
    }
    List<Record> statuses = new ArrayList<>();
    for (String name : names) {
      Settings s = ctx().settings(name, Profile.EMPTY);
      statuses.add(s.plugin().isPresent() ? PluginStatus.of(ctx(), s) : ProfileStatus.of(ctx(), s));
    }
    boolean ok = !statuses.isEmpty() && statuses.stream().allMatch(StatusCommand::signedIn);
    if (json) {
      out().println(Json.write(json(statuses, config)));
    } else {
      text(statuses, config);
    }
    if (!ok && !json) {
      err()
          .println(
              statuses.isEmpty()
                  ? "No profiles yet; sign in with: lanyard login --issuer URL --client-id ID"
                  : "Sign in with: " + root().loginCommand());
    }
    return ok ? CliError.OK : CliError.LOGIN;
  }

  private static boolean signedIn(Record r) {
    return r instanceof PluginStatus p ? p.signedIn() : ((ProfileStatus) r).signedIn();
  }

  private void text(List<Record> statuses, Config config) {
    PrintWriter out = out();
    for (Record r : statuses) {
      Settings s = r instanceof PluginStatus p ? p.settings() : ((ProfileStatus) r).settings();
      String name = s.profile();
      boolean isDefault = config.defaultProfile().map(name::equals).orElse(false);
      out.println(
          "Profile "
              + name
              + (isDefault ? " (default)" : "")
              + (config.profile(name).isEmpty() ? " (not in the config file)" : ""));
      if (r instanceof PluginStatus p) {
        pluginText(out, p);
        continue;
      }
      ProfileStatus st = (ProfileStatus) r;
      row(out, "status", st.state());
      row(out, "issuer", s.issuer().map(Object::toString).orElse("-"));
      row(out, "client", s.clientId().orElse("-"));
      row(out, "flow", s.flowSet().map(Object::toString).orElse("-"));
      st.tokens()
          .ifPresent(
              t -> {
                row(out, "identity", IdClaims.of(t).map(IdClaims::display).orElse("-"));
                row(out, "scopes", t.scope().isEmpty() ? "-" : t.scope().toString());
                row(out, "access", expiry(t.expiresAt(), st.now(), "does not expire"));
                row(
                    out,
                    "refresh",
                    t.refreshToken().isEmpty()
                        ? "none"
                        : expiry(t.refreshExpiresAt(), st.now(), "no expiry given"));
                row(out, "binding", binding(t));
              });
      row(out, TokenStores.label(st.store()), st.store().describe());
      if (root().verbose()) {
        network(out, s);
      }
      out.println();
    }
    Locations where = ctx().locations();
    Path configFile = ctx().configFile().path();
    out.println(
        "Config file: "
            + configFile
            + " ("
            + (configFile.equals(where.configFile()) ? where.origin() : "--config")
            + ")");
    out.println("Token files: " + where.tokenDirectory());
  }

  /** Which proxy and CA bundle calls to the provider would use (reads the bundle: a check). */
  private void network(PrintWriter out, Settings s) {
    EnvironmentTransport n = Network.settings(env().surroundings(), s);
    Optional<URI> target = s.endpoint(Setting.TOKEN_ENDPOINT).or(s::issuer);
    row(out, "proxy", target.map(n::describeProxy).orElse("-"));
    String ca = n.describeCaFile();
    try {
      Network.transport(env().surroundings(), s, true);
    } catch (IOException | RuntimeException e) {
      ca = Errors.oneLine(e.getMessage());
    }
    row(out, "CA bundle", ca);
  }

  private static void pluginText(PrintWriter out, PluginStatus p) {
    row(out, "status", p.state());
    row(out, "provider", p.settings().plugin().orElseThrow());
    row(out, "flow", p.settings().flowSet().map(Object::toString).orElse("-"));
    if (p.credentials().isPresent()) {
      if (p.identity().isPresent()) {
        ProviderIdentity who = p.identity().get();
        row(out, "user id", who.userId());
        row(out, "e-mail", who.email().orElse("-"));
        who.name().ifPresent(n -> row(out, "name", n));
      } else {
        row(out, "identity", "- (" + p.problem() + ")");
      }
    }
    row(out, "stored in", p.file().toString());
    out.println();
  }

  /** How the token is bound to this client: its DPoP key's thumbprint, or not at all. */
  static String binding(TokenSet t) {
    return t.isDpopBound()
        ? "DPoP, key thumbprint " + t.dpopKey().orElseThrow().thumbprint()
        : "none (bearer)";
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("  %-11s %s%n", label + ":", value);
  }

  private static String expiry(Optional<Instant> at, Instant now, String none) {
    if (at.isEmpty()) {
      return none;
    }
    Duration d = Duration.between(now, at.get());
    return (d.isNegative() ? "expired " : "expires ")
        + Durations.relative(d)
        + " ("
        + UTC.format(at.get())
        + ")";
  }

  private Map<String, Object> json(List<Record> statuses, Config config) {
    List<Object> profiles = new ArrayList<>();
    for (Record status : statuses) {
      if (status instanceof PluginStatus ps) {
        profiles.add(pluginJson(ps, config));
        continue;
      }
      ProfileStatus st = (ProfileStatus) status;
      Settings s = st.settings();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("profile", s.profile());
      p.put("default", config.defaultProfile().map(s.profile()::equals).orElse(false));
      p.put("signed_in", st.signedIn());
      p.put("state", st.state());
      p.put("issuer", s.issuer().map(Object::toString).orElse(null));
      p.put("client_id", s.clientId().orElse(null));
      p.put("flow", s.flowSet().map(Object::toString).orElse(null));
      Optional<TokenSet> t = st.tokens();
      p.put("identity", t.flatMap(IdClaims::of).map(IdClaims::toJson).orElse(null));
      p.put("scopes", t.map(x -> List.copyOf(x.scope().values())).orElse(List.of()));
      p.put(
          "dpop_jkt",
          t.filter(TokenSet::isDpopBound)
              .flatMap(TokenSet::dpopKey)
              .map(k -> k.thumbprint())
              .orElse(null));
      p.put(
          "access_token",
          t.map(x -> times(x.expiresAt(), st.now(), st.accessValid())).orElse(null));
      p.put(
          "refresh_token",
          t.flatMap(
                  x ->
                      x.refreshToken()
                          .map(
                              r ->
                                  times(
                                      x.refreshExpiresAt(),
                                      st.now(),
                                      x.refreshValid(s.skew(), st.now()))))
              .orElse(null));
      p.put("token_file", TokenStores.file(st.store()).map(Object::toString).orElse(null));
      p.put("token_store", st.store().describe());
      EnvironmentTransport n = Network.settings(env().surroundings(), s);
      p.put(
          "proxy",
          s.endpoint(Setting.TOKEN_ENDPOINT).or(s::issuer).map(n::describeProxy).orElse(null));
      p.put("ca_bundle", n.caFile().map(Object::toString).orElse(null));
      profiles.add(p);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("config_file", ctx().configFile().path().toString());
    doc.put("token_directory", ctx().locations().tokenDirectory().toString());
    doc.put("profiles", profiles);
    return doc;
  }

  private static Map<String, Object> pluginJson(PluginStatus ps, Config config) {
    Settings s = ps.settings();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("profile", s.profile());
    p.put("default", config.defaultProfile().map(s.profile()::equals).orElse(false));
    p.put("signed_in", ps.signedIn());
    p.put("state", ps.state());
    p.put("provider", s.plugin().orElseThrow());
    p.put("flow", s.flowSet().map(Object::toString).orElse(null));
    p.put(
        "identity",
        ps.identity()
            .map(
                who -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("user_id", who.userId());
                  m.put("email", who.email().orElse(null));
                  m.put("name", who.name().orElse(null));
                  return (Object) m;
                })
            .orElse(null));
    p.put("credential_file", ps.file().toString());
    return p;
  }

  private static Map<String, Object> times(Optional<Instant> at, Instant now, boolean valid) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", valid);
    m.put("expires_at", at.map(StatusCommand::iso).orElse(null));
    m.put("expires_in", at.map(i -> Duration.between(now, i).toSeconds()).orElse(null));
    return m;
  }

  private static String iso(Instant i) {
    return i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
