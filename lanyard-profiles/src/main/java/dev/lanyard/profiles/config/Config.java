package dev.lanyard.profiles.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contents of {@code config.yaml}, immutable: a default profile name, named profiles, and
 * user-defined presets (named provider settings a profile may start from with {@code preset:}).
 */
public final class Config {
  /** No file yet. */
  public static final Config EMPTY = new Config(null, Map.of(), Map.of());

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String defaultProfile;
  private final Map<String, Profile> profiles;
  private final Map<String, Profile> presets;

  private Config(
      String defaultProfile, Map<String, Profile> profiles, Map<String, Profile> presets) {
    this.defaultProfile = defaultProfile;
    this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    this.presets = presets.isEmpty() ? Map.of() : Collections.unmodifiableMap(presets);
  }

  /** The presets defined under {@code presets:}, in file order (not the built-in ones). */
  public Map<String, Profile> presets() {
    return presets;
  }

  /**
   * The preset {@code name}: one defined under {@code presets:}, else a built-in one ({@link
   * BuiltInPresets}).
   *
   * @throws ConfigException (usage) listing the known presets when there is none of that name
   */
  public Profile preset(String name) {
    Profile own = presets.get(name);
    if (own != null) {
      return own;
    }
    return BuiltInPresets.find(name)
        .orElseThrow(
            () -> {
              java.util.Set<String> known = new java.util.TreeSet<>(BuiltInPresets.names());
              known.addAll(presets.keySet());
              return ConfigException.usage(
                  "unknown preset '" + name + "'; known presets: " + String.join(", ", known));
            });
  }

  /** {@code default_profile}, when set. */
  public Optional<String> defaultProfile() {
    return Optional.ofNullable(defaultProfile);
  }

  /** The profiles by name, in file order. */
  public Map<String, Profile> profiles() {
    return profiles;
  }

  public Optional<Profile> profile(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** This config with {@code name} set to {@code profile}, added at the end when new. */
  public Config with(String name, Profile profile) {
    checkName(name);
    Map<String, Profile> copy = new LinkedHashMap<>(profiles);
    copy.put(name, profile);
    return new Config(defaultProfile, copy, presets);
  }

  /** This config without profile {@code name}; the default is unset when it was that one. */
  public Config without(String name) {
    Map<String, Profile> copy = new LinkedHashMap<>(profiles);
    copy.remove(name);
    return new Config(name.equals(defaultProfile) ? null : defaultProfile, copy, presets);
  }

  /** This config with another default profile (null: none). */
  public Config withDefault(String name) {
    if (name != null) {
      checkName(name);
    }
    return new Config(name, profiles, presets);
  }

  /**
   * Fails unless {@code name} can name a profile: letters, digits, {@code .}, {@code _} and {@code
   * -}, starting with a letter or digit, at most 64 characters.
   */
  public static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' cannot name a profile: use letters, digits, '.', '_' and '-'");
    }
    return name;
  }

  /** Reads a parsed file; unknown keys are an error that names the key and the file. */
  static Config fromYaml(Map<String, Object> doc, Path file) {
    String def = null;
    Map<String, Profile> profiles = new LinkedHashMap<>();
    Map<String, Profile> presets = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      switch (e.getKey()) {
        case "default_profile" -> {
          if (e.getValue() != null && !(e.getValue() instanceof String)) {
            throw new ConfigException(file + ": default_profile must be a profile name");
          }
          def = (String) e.getValue();
        }
        case "profiles" -> {
          if (e.getValue() == null) {
            continue;
          }
          if (!(e.getValue() instanceof Map<?, ?> map)) {
            throw new ConfigException(file + ": profiles must be a mapping of names to profiles");
          }
          for (Map.Entry<?, ?> p : map.entrySet()) {
            String name = (String) p.getKey();
            if (!NAME.matcher(name).matches()) {
              throw new ConfigException(file + ": '" + name + "' cannot name a profile");
            }
            profiles.put(name, Profile.fromYaml(p.getValue(), name, file));
          }
        }
        case "presets" -> {
          if (e.getValue() == null) {
            continue;
          }
          if (!(e.getValue() instanceof Map<?, ?> map)) {
            throw new ConfigException(file + ": presets must be a mapping of names to settings");
          }
          for (Map.Entry<?, ?> p : map.entrySet()) {
            String name = (String) p.getKey();
            if (!NAME.matcher(name).matches()) {
              throw new ConfigException(file + ": '" + name + "' cannot name a preset");
            }
            Profile preset = Profile.fromYaml(p.getValue(), name, "preset", file);
            if (preset.get(Setting.PRESET).isPresent()) {
              throw new ConfigException(
                  file + ": preset '" + name + "' cannot itself name a preset");
            }
            presets.put(name, preset);
          }
        }
        default ->
            throw new ConfigException(
                file
                    + ": unknown key '"
                    + e.getKey()
                    + "'; known keys: default_profile, profiles, presets");
      }
    }
    return new Config(def, profiles, presets);
  }

  /** The YAML form, in a fixed order. */
  Map<String, Object> toYaml() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (defaultProfile != null) {
      out.put("default_profile", defaultProfile);
    }
    Map<String, Object> ps = new LinkedHashMap<>();
    profiles.forEach((name, p) -> ps.put(name, p.toYaml()));
    out.put("profiles", ps);
    if (!presets.isEmpty()) {
      Map<String, Object> pr = new LinkedHashMap<>();
      presets.forEach((name, p) -> pr.put(name, p.toYaml()));
      out.put("presets", pr);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Config c
        && java.util.Objects.equals(defaultProfile, c.defaultProfile)
        && profiles.equals(c.profiles)
        && presets.equals(c.presets);
  }

  @Override
  public int hashCode() {
    return profiles.hashCode();
  }
}
