package dev.lanyard.profiles.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one named profile, immutable: what {@code config.yaml} holds under {@code
 * profiles.NAME}, or what flags and environment variables say. Unset settings are absent; defaults
 * are applied by whoever reads them.
 */
public final class Profile {
  /** No settings at all. */
  public static final Profile EMPTY = new Profile(new EnumMap<>(Setting.class));

  private final Map<Setting, Object> values;

  private Profile(EnumMap<Setting, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The value of {@code setting}, typed as {@link Setting#parse} makes it. */
  public Optional<Object> get(Setting setting) {
    return Optional.ofNullable(values.get(setting));
  }

  /** The settings that are set, in key order. */
  public Map<Setting, Object> values() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * This profile with {@code setting} set to {@code value}, or removed when {@code value} is null.
   */
  public Profile with(Setting setting, Object value) {
    EnumMap<Setting, Object> copy = copy();
    if (value == null) {
      copy.remove(setting);
    } else {
      copy.put(setting, value);
    }
    return new Profile(copy);
  }

  /** This profile with {@code setting} parsed from text; an empty text removes it. */
  public Profile withText(Setting setting, String text) {
    return with(setting, text == null || text.isEmpty() ? null : setting.parse(text));
  }

  /** This profile with one extra parameter set, or removed when {@code value} is empty. */
  public Profile withParameter(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>(parameters());
    if (value == null || value.isEmpty()) {
      params.remove(name);
    } else {
      params.put(name, value);
    }
    return with(Setting.PARAMETERS, params.isEmpty() ? null : Collections.unmodifiableMap(params));
  }

  /** This profile, with every setting that {@code other} has taken from {@code other}. */
  public Profile overriddenBy(Profile other) {
    if (other.values.isEmpty()) {
      return this;
    }
    EnumMap<Setting, Object> copy = copy();
    copy.putAll(other.values);
    return new Profile(copy);
  }

  private EnumMap<Setting, Object> copy() {
    return values.isEmpty() ? new EnumMap<>(Setting.class) : new EnumMap<>(values);
  }

  public Optional<String> text(Setting setting) {
    return get(setting).map(Object::toString);
  }

  public Optional<URI> uri(Setting setting) {
    return text(setting).map(URI::create);
  }

  public Optional<URI> issuer() {
    return uri(Setting.ISSUER);
  }

  public Optional<String> clientId() {
    return text(Setting.CLIENT_ID);
  }

  public Optional<Flow> flow() {
    return get(Setting.FLOW).map(Flow.class::cast);
  }

  @SuppressWarnings("unchecked")
  public List<String> scopes() {
    return (List<String>) values.getOrDefault(Setting.SCOPES, List.of());
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> parameters() {
    return (Map<String, String>) values.getOrDefault(Setting.PARAMETERS, Map.of());
  }

  public Optional<Integer> port() {
    return get(Setting.PORT).map(Integer.class::cast);
  }

  /** The {@code projects} mapping; {@link Projects#NONE} when unset. */
  public Projects projects() {
    return (Projects) values.getOrDefault(Setting.PROJECTS, Projects.NONE);
  }

  public Optional<Duration> duration(Setting setting) {
    return get(setting).map(Duration.class::cast);
  }

  /** Reads {@code profiles.NAME} of a parsed file; unknown keys name the key, profile and file. */
  static Profile fromYaml(Object node, String name, Path file) {
    return fromYaml(node, name, "profile", file);
  }

  /** As above, for a profile or (with {@code what} "preset") a preset. */
  static Profile fromYaml(Object node, String name, String what, Path file) {
    if (node == null) {
      return EMPTY;
    }
    if (!(node instanceof Map<?, ?> map)) {
      throw new ConfigException(
          file + ": " + what + " '" + name + "' must be a mapping of keys to values");
    }
    EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = (String) e.getKey();
      Setting s = Setting.forKey(key);
      if (s == null || !s.key().equals(key)) {
        throw new ConfigException(
            file
                + ": unknown key '"
                + key
                + "' in "
                + what
                + " '"
                + name
                + "'; known keys: "
                + Setting.keys());
      }
      if (e.getValue() == null) {
        continue;
      }
      try {
        values.put(s, s.fromYaml(e.getValue()));
      } catch (IllegalArgumentException x) {
        throw new ConfigException(file + ": " + what + " '" + name + "': " + x.getMessage());
      }
    }
    return new Profile(values);
  }

  /** The YAML form: keys in a fixed order, values as strings, lists and maps. */
  Map<String, Object> toYaml() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((s, v) -> out.put(s.key(), s.toYaml(v)));
    return out;
  }

  /** The settings as the YAML lines {@code config.yaml} holds for them. */
  public String toYamlText() {
    return YamlWriter.write(null, toYaml());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Profile p && values.equals(p.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  @Override
  public String toString() {
    return "Profile" + toYaml();
  }
}
