package dev.lanyard.http;

import com.nimbusds.jwt.JWTParser;
import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DPoP side of a session's authorizer (RFC 9449 §7): {@code Authorization: DPoP <token>} and a
 * fresh proof for each request, over its method, URI and the token's hash, with the last nonce each
 * origin gave ({@code DPoP-Nonce}, §9). Never cached: every proof has its own {@code jti}.
 */
final class DpopProofs {
  static final String DPOP = "DPoP";
  static final String NONCE = "DPoP-Nonce";

  /** Enough for every API a process talks to; past it, the oldest are simply forgotten. */
  private static final int MAX_ORIGINS = 256;

  private final Map<String, String> nonces = new ConcurrentHashMap<>();

  /** Headers for one request with a DPoP-bound token. */
  Authorization authorization(TokenSet tokens, String method, URI uri) {
    DpopKey key = tokens.dpopKey().orElseThrow();
    String proof = key.proof(method, uri, tokens.accessToken(), nonces.get(origin(uri)));
    return Authorization.of(
        Map.of(SessionAuthorizer.AUTHORIZATION, tokens.authorizationHeader(), DPOP, proof));
  }

  /**
   * Keeps the response's nonce, when the request was sent with a proof and one came back; the
   * origin is read from the proof's {@code htu}, the one place the sent request names it.
   */
  void remember(Authorization sent, ResponseHead response) {
    String proof = sent.headers().get(DPOP);
    if (proof == null) {
      return;
    }
    List<String> nonce = response.headers(NONCE);
    if (nonce.isEmpty()) {
      return;
    }
    try {
      Object htu = JWTParser.parse(proof).getJWTClaimsSet().getClaim("htu");
      if (htu instanceof String s) {
        remember(URI.create(s), nonce.get(0));
      }
    } catch (ParseException | IllegalArgumentException e) {
      // not a proof this class made: nothing to remember
    }
  }

  void remember(URI uri, String nonce) {
    if (nonces.size() >= MAX_ORIGINS) {
      nonces.clear();
    }
    nonces.put(origin(uri), nonce);
  }

  /**
   * True when the server asks for a (new) nonce: a retry with it may succeed, no refresh needed.
   */
  static boolean nonceRequested(ResponseHead response) {
    if (response.headers(NONCE).isEmpty()) {
      return false;
    }
    for (String header : response.headers("WWW-Authenticate")) {
      for (String error : Challenges.errors(header, DPOP)) {
        if (error.toLowerCase(Locale.ROOT).equals("use_dpop_nonce")) {
          return true;
        }
      }
    }
    return false;
  }

  static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port < 0) {
      port = scheme.equals("https") ? 443 : 80;
    }
    return scheme + "://" + host + ":" + port;
  }
}
