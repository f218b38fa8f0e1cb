package dev.lanyard.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.text.Printable;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a stored sign-in belongs to, read from its ID token for display only. The token was verified
 * when it arrived; nothing here trusts it for anything else.
 */
record IdClaims(String subject, String email, boolean emailVerified, String username, String name) {

  /** The claims of the stored ID token; empty when there is none or it cannot be read. */
  static Optional<IdClaims> of(TokenSet tokens) {
    if (tokens.idToken().isEmpty()) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet c = JWTParser.parse(tokens.idToken().get()).getJWTClaimsSet();
      Object verified = c.getClaim("email_verified");
      return Optional.of(
          new IdClaims(
              shown(c.getSubject()),
              string(c, "email"),
              Boolean.TRUE.equals(verified) || "true".equals(verified),
              string(c, "preferred_username"),
              string(c, "name")));
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String string(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    return v instanceof String s ? shown(s) : null;
  }

  /** Claims are chosen by whoever made the token: shown through the one sanitizer. */
  private static String shown(String s) {
    return s == null ? null : Printable.line(s, 200);
  }

  /** The verified e-mail, else the username, else the subject. */
  String display() {
    if (email != null && emailVerified) {
      return email;
    }
    if (username != null) {
      return username;
    }
    return subject != null ? subject : "(unknown)";
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", subject);
    m.put("email", email);
    m.put("email_verified", emailVerified);
    m.put("preferred_username", username);
    m.put("name", name);
    return m;
  }
}
