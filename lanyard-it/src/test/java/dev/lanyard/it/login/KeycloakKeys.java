package dev.lanyard.it.login;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.it.support.Keycloak;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Realm {@code lab}'s signing keys through Keycloak's admin REST API: adds an RSA key provider
 * (component {@code rsa-generated}) to rotate the realm's signing key.
 */
final class KeycloakKeys {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakKeys() {}

  /** Adds a generated RS256 key with this priority (the default key has 100); its component id. */
  static String addRsaKey(String name, int priority) throws IOException, InterruptedException {
    String realmId = (String) object(send("GET", "", null, 200).body()).get("id");
    HttpResponse<String> created =
        send("POST", "/components", component(name, realmId, priority), 201);
    String location = created.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * Sets a key provider's priority, keeping its key: the component is read and written back whole
   * (its private key masked, which Keycloak keeps as it is).
   */
  static void setPriority(String componentId, int priority)
      throws IOException, InterruptedException {
    Map<String, Object> component =
        object(send("GET", "/components/" + componentId, null, 200).body());
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) component.get("config");
    config.put("priority", List.of(String.valueOf(priority)));
    send("PUT", "/components/" + componentId, JSONObjectUtils.toJSONString(component), 204);
  }

  /** The key id of the RS256 key that provider {@code componentId} holds. */
  static String kidOf(String componentId) throws IOException, InterruptedException {
    Map<String, Object> keys = object(send("GET", "/keys", null, 200).body());
    for (Object o : (List<?>) keys.get("keys")) {
      Map<?, ?> key = (Map<?, ?>) o;
      if (componentId.equals(key.get("providerId")) && "RS256".equals(key.get("algorithm"))) {
        return (String) key.get("kid");
      }
    }
    throw new AssertionError("realm lab has no RS256 key of provider " + componentId + ": " + keys);
  }

  private static String component(String name, String realmId, int priority) {
    return "{"
        + "\"name\":\""
        + name
        + "\","
        + "\"providerId\":\"rsa-generated\","
        + "\"providerType\":\"org.keycloak.keys.KeyProvider\","
        + "\"parentId\":\""
        + realmId
        + "\","
        + "\"config\":{\"priority\":[\""
        + priority
        + "\"],\"enabled\":[\"true\"],"
        + "\"active\":[\"true\"],\"algorithm\":[\"RS256\"],\"keySize\":[\"2048\"]}}";
  }

  private static HttpResponse<String> send(String method, String path, String json, int expected)
      throws IOException, InterruptedException {
    Keycloak kc = Keycloak.get();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(kc.baseUri() + "/admin/realms/" + Keycloak.REALM + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + kc.adminToken())
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new AssertionError(
          method
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response;
  }

  private static Map<String, Object> object(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + json, e);
    }
  }
}
