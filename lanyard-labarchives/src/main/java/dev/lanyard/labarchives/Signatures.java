package dev.lanyard.labarchives;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LabArchives request signing, as its API documentation describes it: {@code sig =
 * base64(HMAC-SHA512(key = access password, message = akid + method + expires))}, standard base64
 * (with {@code + / =}), URL-encoded in the query. {@code method} is the last path segment of the
 * API call, except for the login URL, where it is the redirect URI.
 */
final class Signatures {
  private static final String HMAC = "HmacSHA512";

  /** The parameters signing adds; a URI that already has one is refused, not signed twice. */
  static final Set<String> SIGNING_PARAMETERS = Set.of("akid", "expires", "sig");

  private Signatures() {}

  /** The signature, standard base64, not yet URL-encoded. */
  static String signature(String akid, String method, long expires, String password) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(password.getBytes(UTF_8), HMAC));
      byte[] sig = mac.doFinal((akid + method + expires).getBytes(UTF_8));
      return Base64.getEncoder().encodeToString(sig);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("the access password cannot be an HMAC key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is missing from this JVM", e);
    }
  }

  /** The method an API call is signed for: the last segment of its path. */
  static String method(URI apiCall) {
    String path = apiCall.getPath();
    String method = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (method.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot sign a LabArchives call without a method as the last path segment: "
              + apiCall.getScheme()
              + "://"
              + apiCall.getRawAuthority()
              + apiCall.getRawPath());
    }
    return method;
  }

  /** {@code uri} with {@code akid}, {@code expires} and {@code sig} appended to its query. */
  static URI signed(URI uri, String akid, String method, long expires, String password) {
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (SIGNING_PARAMETERS.contains(name)) {
          throw new IllegalArgumentException(
              "the call already has a " + name + " parameter; sign an unsigned URI once");
        }
      }
    }
    String sig = signature(akid, method, expires, password);
    return URI.create(
        uri
            + (query == null ? "?" : "&")
            + "akid="
            + component(akid)
            + "&expires="
            + expires
            + "&sig="
            + component(sig));
  }

  /** {@code name=value&...} with each part percent-encoded; spaces as %20. */
  static String encode(Map<String, String> parameters) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(component(e.getKey())).append('=').append(component(e.getValue()));
    }
    return sb.toString();
  }

  /** Percent-encoding for a query component: {@code + / =} become %2B %2F %3D, spaces %20. */
  static String component(String s) {
    return URLEncoder.encode(s, UTF_8).replace("+", "%20");
  }
}
