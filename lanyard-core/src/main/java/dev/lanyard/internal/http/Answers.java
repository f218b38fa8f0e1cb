package dev.lanyard.internal.http;

import dev.lanyard.LanyardException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads providers' answers one way, and words their failures one way: {@code <what> answered HTTP
 * <status> <detail>}, where {@code what} names the endpoint ("the revocation endpoint"). Bodies are
 * never quoted: they may hold secrets.
 */
public final class Answers {
  private Answers() {}

  /**
   * The failure an unsuccessful answer stands for: the provider's OAuth error (RFC 6749 §5.2, its
   * {@code error}, {@code error_description}, {@code error_uri} and the HTTP status) when the body
   * is one, else a {@link MalformedResponseException}.
   */
  public static LanyardException error(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    Map<String, Object> json;
    try {
      json = Json.parseObject(response.body());
    } catch (ParseException | RuntimeException e) {
      return malformed(what, status, "(" + contentType(response) + ") without an OAuth error");
    }
    try {
      Optional<String> error = Json.string(json, "error").filter(s -> !s.isBlank());
      if (error.isPresent()) {
        return new ProviderErrorException(
            error.get(),
            Json.string(json, "error_description").orElse(null),
            Json.string(json, "error_uri").orElse(null),
            status);
      }
    } catch (ParseException e) {
      // a mistyped member: not an OAuth error
    }
    return malformed(what, status, "without an OAuth error code");
  }

  /** The body as a JSON object, or a {@link MalformedResponseException} naming the endpoint. */
  public static Map<String, Object> object(HttpResponse<String> response, String what)
      throws MalformedResponseException {
    try {
      return Json.parseObject(response.body());
    } catch (ParseException | RuntimeException e) {
      throw malformed(
          what,
          response.statusCode(),
          "(" + contentType(response) + ") with a body that is not a JSON object");
    }
  }

  /** {@code <what> answered HTTP <status> <detail>}, as a {@link MalformedResponseException}. */
  public static MalformedResponseException malformed(String what, int status, String detail) {
    return new MalformedResponseException(what + " answered HTTP " + status + " " + detail, status);
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("no content type");
  }
}
