package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;

/** How {@code lanyard token} prints a token. */
enum TokenFormat {
  /** The access token alone. */
  RAW("raw"),
  /**
   * {@code Authorization: Bearer …}, for {@code curl -H "$(lanyard token --format header)"}; for a
   * DPoP-bound token two lines, {@code Authorization: DPoP …} and {@code DPoP: <proof>}, the proof
   * made for one request ({@code --method}, {@code --url}).
   */
  HEADER("header"),
  /**
   * A JSON object: access_token, token_type, expires_at (epoch seconds), expires_in, scope,
   * profile.
   */
  JSON("json"),
  /** kubectl's ExecCredential, for a kubeconfig {@code exec} user. */
  EXEC_CREDENTIAL("exec-credential");

  static final String DEFAULT_K8S_VERSION = "client.authentication.k8s.io/v1";

  private final String id;

  TokenFormat(String id) {
    this.id = id;
  }

  /**
   * The text to print, ending in a newline. {@code execInfo} is {@code KUBERNETES_EXEC_INFO}, whose
   * {@code apiVersion} the ExecCredential answers in.
   */
  String render(TokenSet t, String profile, Optional<String> execInfo, InstantSource clock) {
    return render(t, profile, execInfo, clock, null, null);
  }

  /**
   * As above; {@code method} and {@code url} (may be null) name the one request a DPoP proof is
   * made for.
   *
   * @throws CliError for a DPoP-bound token in the header format without both
   */
  @SuppressWarnings("StatementSwitchToExpressionSwitch") // the JSON case builds a map first
  String render(
      TokenSet t,
      String profile,
      Optional<String> execInfo,
      InstantSource clock,
      String method,
      URI url) {
    Optional<Instant> expires = t.expiresAt().map(i -> i.truncatedTo(ChronoUnit.SECONDS));
    switch (this) {
      case RAW:
        return t.accessToken() + "\n";
      case HEADER:
        if (t.isDpopBound()) {
          if (method == null || url == null) {
            throw CliError.usage(
                "the token is DPoP-bound: each request needs its own proof; pass --method and --url"
                    + " of the request");
          }
          String proof = t.dpopKey().orElseThrow().proof(method, url, t.accessToken(), null);
          return "Authorization: " + t.authorizationHeader() + "\nDPoP: " + proof + "\n";
        }
        return "Authorization: " + t.authorizationHeader() + "\n";
      case JSON:
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", t.accessToken());
        json.put("token_type", t.tokenType());
        json.put("expires_at", expires.map(Instant::getEpochSecond).orElse(null));
        json.put(
            "expires_in",
            expires
                .map(e -> Math.max(0, e.getEpochSecond() - clock.instant().getEpochSecond()))
                .orElse(null));
        json.put("scope", t.scope().toString());
        json.put("profile", profile);
        return Json.write(json) + "\n";
      default:
        Map<String, Object> status = new LinkedHashMap<>();
        expires.ifPresent(e -> status.put("expirationTimestamp", e.toString()));
        status.put("token", t.accessToken());
        Map<String, Object> cred = new LinkedHashMap<>();
        cred.put("kind", "ExecCredential");
        cred.put("apiVersion", apiVersion(execInfo));
        cred.put("spec", Map.of());
        cred.put("status", status);
        return Json.write(cred) + "\n";
    }
  }

  /** The apiVersion kubectl asked for in {@code KUBERNETES_EXEC_INFO}, else v1. */
  static String apiVersion(Optional<String> execInfo) {
    if (execInfo.isEmpty() || execInfo.get().isBlank()) {
      return DEFAULT_K8S_VERSION;
    }
    Object v = Json.parse(execInfo.get(), "KUBERNETES_EXEC_INFO").get("apiVersion");
    if (!(v instanceof String s) || !s.startsWith("client.authentication.k8s.io/")) {
      throw CliError.usage("KUBERNETES_EXEC_INFO names no client.authentication.k8s.io apiVersion");
    }
    return s;
  }

  @Override
  public String toString() {
    return id;
  }

  /**
   * The format named {@code value} (any case). Not through {@link Converter}: that one implements a
   * picocli interface, whose Java 5 class files no class-data archive can hold, so {@link
   * FastToken} would load both from the jar at every {@code --format}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  static TokenFormat parse(String value) {
    for (TokenFormat f : values()) {
      if (f.id.equals(value.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not a format; use raw, header, json or exec-credential");
  }

  /** Parses {@code --format}. */
  static final class Converter implements ITypeConverter<TokenFormat> {
    @Override
    public TokenFormat convert(String value) {
      return parse(value);
    }
  }

  /** The format names, for help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (TokenFormat f : values()) {
        names.add(f.id);
      }
      return names.iterator();
    }
  }
}
