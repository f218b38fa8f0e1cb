package dev.lanyard.it.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.it.support.Keycloak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realm {@code lab} set up for token exchange through Keycloak's admin REST API, at test time and
 * idempotently (the realm file stays as it is):
 *
 * <ul>
 *   <li>standard token exchange (Keycloak 26.2+) enabled on the confidential client {@code
 *       service};
 *   <li>an audience mapper on {@code cli}, so {@code cli} access tokens name {@code service} in
 *       {@code aud} (Keycloak exchanges only tokens whose audience contains the requester);
 *   <li>a client {@value #API} standing for an API, and an audience mapper on {@code service}
 *       adding it, so {@code service} may ask for tokens with that audience.
 * </ul>
 */
final class LabAdmin {
  /** The API audience {@code service} exchanges user tokens for. */
  static final String API = "lab-api";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LabAdmin() {}

  static synchronized void enableTokenExchange() {
    Map<String, Object> service = client(Keycloak.CLIENT_SERVICE);
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = (Map<String, Object>) service.get("attributes");
    if (!"true".equals(attributes.get("standard.token.exchange.enabled"))) {
      attributes.put("standard.token.exchange.enabled", "true");
      send("PUT", "/clients/" + service.get("id"), JSONObjectUtils.toJSONString(service), 204);
    }
    if (findClient(API) == null) {
      send(
          "POST",
          "/clients",
          "{\"clientId\":\""
              + API
              + "\",\"name\":\"An API that takes exchanged tokens\","
              + "\"enabled\":true,\"publicClient\":false,\"standardFlowEnabled\":false,"
              + "\"directAccessGrantsEnabled\":false,\"serviceAccountsEnabled\":false}",
          201);
    }
    audienceMapper(Keycloak.CLIENT_CLI, Keycloak.CLIENT_SERVICE);
    audienceMapper(Keycloak.CLIENT_SERVICE, API);
  }

  /** Adds an {@code oidc-audience-mapper} named {@code audience-<audience>} unless it is there. */
  private static void audienceMapper(String clientId, String audience) {
    String id = (String) client(clientId).get("id");
    String name = "audience-" + audience;
    String path = "/clients/" + id + "/protocol-mappers/models";
    for (Object o : array(send("GET", path, null, 200).body())) {
      if (name.equals(((Map<?, ?>) o).get("name"))) {
        return;
      }
    }
    send(
        "POST",
        path,
        "{\"name\":\""
            + name
            + "\",\"protocol\":\"openid-connect\","
            + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
            + "\"included.client.audience\":\""
            + audience
            + "\",\"access.token.claim\":\"true\","
            + "\"id.token.claim\":\"false\",\"introspection.token.claim\":\"true\"}}",
        201);
  }

  /**
   * Imports {@code key} into the realm as a passive signing key (Keycloak publishes it in the JWKS
   * but never signs with it), so a test can make tokens the realm's JWKS vouches for. Returns the
   * key id Keycloak gave it and the component to {@link #removeComponent remove} afterwards.
   */
  static Map.Entry<String, String> importPassiveKey(String name, RSAKey key) {
    String realmId = (String) object(send("GET", "", null, 200).body()).get("id");
    String pem;
    try {
      pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(key.toPrivateKey().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("priority", List.of("1"));
    config.put("enabled", List.of("true"));
    config.put("active", List.of("false"));
    config.put("algorithm", List.of("RS256"));
    config.put("privateKey", List.of(pem));
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("name", name);
    component.put("providerId", "rsa");
    component.put("providerType", "org.keycloak.keys.KeyProvider");
    component.put("parentId", realmId);
    component.put("config", config);
    HttpResponse<String> created =
        send("POST", "/components", JSONObjectUtils.toJSONString(component), 201);
    String location = created.headers().firstValue("Location").orElseThrow();
    String componentId = location.substring(location.lastIndexOf('/') + 1);
    Map<String, Object> keys = object(send("GET", "/keys", null, 200).body());
    for (Object o : (List<?>) keys.get("keys")) {
      Map<?, ?> k = (Map<?, ?>) o;
      if (componentId.equals(k.get("providerId"))) {
        return Map.entry((String) k.get("kid"), componentId);
      }
    }
    throw new IllegalStateException("Keycloak did not list the imported key: " + keys);
  }

  static void removeComponent(String componentId) {
    send("DELETE", "/components/" + componentId, null, 204);
  }

  private static Map<String, Object> client(String clientId) {
    Map<String, Object> c = findClient(clientId);
    if (c == null) {
      throw new IllegalStateException("realm lab has no client " + clientId);
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> findClient(String clientId) {
    String query = "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
    for (Object o : array(send("GET", query, null, 200).body())) {
      Map<String, Object> c = (Map<String, Object>) o;
      if (clientId.equals(c.get("clientId"))) {
        c.putIfAbsent("attributes", new LinkedHashMap<String, Object>());
        return c;
      }
    }
    return null;
  }

  private static HttpResponse<String> send(String method, String path, String json, int expected) {
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
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
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
      throw new IllegalStateException("not a JSON object: " + json, e);
    }
  }

  private static List<Object> array(String json) {
    try {
      return JSONArrayUtils.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException("not a JSON array: " + json, e);
    }
  }
}
