package dev.lanyard.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The status and headers of a response, as a {@link RequestAuthorizer} sees them: each HTTP
 * integration hands its client's response over through this view, without copying it.
 */
public interface ResponseHead {
  /** The HTTP status code, e.g. 401. */
  int status();

  /** Every value of the header with this name (case-insensitive), in order; empty when absent. */
  List<String> headers(String name);

  /** A response head from a status and headers, e.g. in a test or for another HTTP client. */
  static ResponseHead of(int status, Map<String, List<String>> headers) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
    return new ResponseHead() {
      @Override
      public int status() {
        return status;
      }

      @Override
      public List<String> headers(String name) {
        return byName.getOrDefault(Objects.requireNonNull(name, "name"), List.of());
      }

      @Override
      public String toString() {
        return "ResponseHead{" + status + ", headers=" + byName.keySet() + '}';
      }
    };
  }
}
