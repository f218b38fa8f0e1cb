package dev.lanyard.profiles.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Application names and their project ids at the provider, per environment: what a preset or
 * profile holds under {@code projects}, so a person writes {@code project: notebook} instead of the
 * id. Each name maps to one id ({@code notebook: "123"}) or to one id per environment ({@code
 * notebook: {prod: "123", dev: "456"}}). The id becomes Zitadel's audience scope {@code
 * urn:zitadel:iam:org:project:id:ID:aud}.
 */
public final class Projects {
  /** No projects. */
  public static final Projects NONE = new Projects(Map.of());

  /** The environment key of a name given a single id. */
  private static final String ANY = "";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final Map<String, Map<String, String>> ids;

  private Projects(Map<String, Map<String, String>> ids) {
    this.ids = ids;
  }

  /** The names, in file order. */
  public java.util.Set<String> names() {
    return ids.keySet();
  }

  /**
   * The project id of application {@code name} in {@code environment} (empty: the name's only id,
   * or its only environment).
   *
   * @throws ConfigException (usage) naming the known names or environments when there is none
   */
  public String id(String name, Optional<String> environment) {
    Map<String, String> byEnv = ids.get(name);
    if (byEnv == null) {
      throw ConfigException.usage(
          "unknown project '"
              + name
              + "'; "
              + (ids.isEmpty()
                  ? "no projects are configured (add projects: {NAME: ID} to the profile or preset)"
                  : "known projects: " + String.join(", ", ids.keySet())));
    }
    if (byEnv.containsKey(ANY)) {
      return byEnv.get(ANY);
    }
    if (environment.isEmpty()) {
      if (byEnv.size() == 1) {
        return byEnv.values().iterator().next();
      }
      throw ConfigException.usage(
          "project '"
              + name
              + "' has an id per environment; choose one with environment: ("
              + String.join(", ", byEnv.keySet())
              + ")");
    }
    String id = byEnv.get(environment.get());
    if (id == null) {
      throw ConfigException.usage(
          "project '"
              + name
              + "' has no id for environment '"
              + environment.get()
              + "'; known environments: "
              + String.join(", ", byEnv.keySet()));
    }
    return id;
  }

  /** The scope that asks Zitadel for a token with project {@code id} in its audience. */
  public static String audienceScope(String id) {
    return "urn:zitadel:iam:org:project:id:" + id + ":aud";
  }

  /** These projects with {@code other}'s names added or replaced. */
  public Projects overriddenBy(Projects other) {
    if (other.ids.isEmpty()) {
      return this;
    }
    Map<String, Map<String, String>> copy = new LinkedHashMap<>(ids);
    copy.putAll(other.ids);
    return new Projects(Collections.unmodifiableMap(copy));
  }

  static Projects fromYaml(Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "projects: expected a mapping of application names to ids");
    }
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = (String) e.getKey();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("projects: '" + name + "' cannot name an application");
      }
      Map<String, String> byEnv = new LinkedHashMap<>();
      if (e.getValue() instanceof String id) {
        byEnv.put(ANY, id(name, id));
      } else if (e.getValue() instanceof Map<?, ?> envs && !envs.isEmpty()) {
        for (Map.Entry<?, ?> x : envs.entrySet()) {
          String env = (String) x.getKey();
          if (!NAME.matcher(env).matches() || !(x.getValue() instanceof String id)) {
            throw new IllegalArgumentException(
                "projects." + name + ": expected environment names mapped to project ids");
          }
          byEnv.put(env, id(name + "." + env, id));
        }
      } else {
        throw new IllegalArgumentException(
            "projects." + name + ": expected a project id or {ENVIRONMENT: ID, ...}");
      }
      out.put(name, Collections.unmodifiableMap(byEnv));
    }
    return new Projects(Collections.unmodifiableMap(out));
  }

  private static String id(String where, String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "projects." + where + ": '" + id + "' is not a project id (letters, digits, '_', '-')");
    }
    return id;
  }

  Map<String, Object> toYaml() {
    Map<String, Object> out = new LinkedHashMap<>();
    ids.forEach((name, byEnv) -> out.put(name, byEnv.containsKey(ANY) ? byEnv.get(ANY) : byEnv));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Projects p && ids.equals(p.ids);
  }

  @Override
  public int hashCode() {
    return ids.hashCode();
  }

  @Override
  public String toString() {
    return "Projects" + toYaml();
  }
}
