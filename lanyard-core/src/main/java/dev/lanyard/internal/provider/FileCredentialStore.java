package dev.lanyard.internal.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.internal.files.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials in one JSON file, version 1:
 *
 * <pre>{@code
 * {"version":1,"type":"credentials","provider":"labarchives","values":{"uid":"...","email":"..."}}
 * }</pre>
 *
 * <p>A file that cannot be read or parsed loads as empty, with a warning that never shows its
 * contents. The {@code type} keeps a token file from being read as credentials and back.
 */
final class FileCredentialStore implements CredentialStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileCredentialStore.class);
  private static final int VERSION = 1;
  private static final String TYPE = "credentials";
  private static final int MAX_BYTES = 1024 * 1024;

  private final Path file;

  FileCredentialStore(Path file) {
    this.file = file;
  }

  @Override
  public Optional<Credentials> load() {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return ignored("it cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_BYTES) {
      return ignored("it is larger than " + MAX_BYTES + " bytes");
    }
    Optional<Credentials> credentials;
    try {
      credentials = Optional.of(read(new String(bytes, UTF_8)));
    } catch (Invalid e) {
      return ignored("it is not a valid credential file (" + e.getMessage() + ")");
    }
    SecureFiles.warnIfShared(file, "Credential file", "600");
    return credentials;
  }

  private Optional<Credentials> ignored(String why) {
    LOG.warn("Ignoring credential file {}: {}; a new sign-in will replace it", file, why);
    return Optional.empty();
  }

  @Override
  public void save(Credentials credentials) throws IOException {
    Objects.requireNonNull(credentials, "credentials");
    SecureFiles.replace(file, write(credentials).getBytes(UTF_8));
  }

  @Override
  public void clear() throws IOException {
    SecureFiles.delete(file);
  }

  static String write(Credentials c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", VERSION);
    json.put("type", TYPE);
    json.put("provider", c.provider());
    json.put("values", new LinkedHashMap<String, Object>(c.values()));
    return JSONObjectUtils.toJSONString(json) + "\n";
  }

  /** Parses a document written by {@link #write}; reasons name fields, never values. */
  static Credentials read(String document) throws Invalid {
    Map<String, Object> json;
    try {
      json = JSONObjectUtils.parse(document);
    } catch (ParseException | RuntimeException e) {
      throw new Invalid("not a JSON object");
    }
    if (!(json.get("version") instanceof Number n) || n.doubleValue() != VERSION) {
      throw new Invalid("no version " + VERSION);
    }
    if (!TYPE.equals(json.get("type"))) {
      throw new Invalid("not of type " + TYPE);
    }
    if (!(json.get("provider") instanceof String provider)) {
      throw new Invalid("no provider field");
    }
    if (!(json.get("values") instanceof Map<?, ?> raw)) {
      throw new Invalid("no values object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new Invalid("a value is not a string");
      }
      values.put(String.valueOf(e.getKey()), s);
    }
    try {
      return Credentials.of(provider, values);
    } catch (IllegalArgumentException e) {
      throw new Invalid("a provider or value name is not allowed, or a value is empty");
    }
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public String toString() {
    return file.toString();
  }

  /** A document that is not version-1 credentials; the message is safe to log. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }
}
