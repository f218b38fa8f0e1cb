package dev.lanyard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.lanyard.profiles.config.ConfigFile;
import dev.lanyard.provider.ClientConfiguration;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * What {@code lanyard register} keeps to manage a client later (RFC 7592): the provider's last
 * answer for it, which holds the registration access token and the client configuration URI, in an
 * owner-only file {@code registrations/<client_id>.json} beside the config file. The token may
 * rotate on every use, so every answer replaces the file.
 */
final class Registrations {
  private final Path folder;

  Registrations(Path configFile) {
    this.folder = configFile.toAbsolutePath().getParent().resolve("registrations");
  }

  /** The file for {@code clientId}; ids that are not file-name safe are refused. */
  Path file(String clientId) {
    if (!clientId.matches("[A-Za-z0-9._-]{1,128}") || clientId.startsWith(".")) {
      throw CliError.usage("'" + clientId + "' is not a client id this command can keep");
    }
    return folder.resolve(clientId + ".json");
  }

  /** Replaces the kept answer for {@code clientId}, atomically, 0600. */
  void save(String clientId, String json) throws IOException {
    Path file = file(clientId);
    ConfigFile.ensureFolder(folder);
    Path temp = Files.createTempFile(folder, ".registration.", ".tmp", owner());
    boolean moved = false;
    try {
      Files.writeString(temp, json + "\n", UTF_8);
      Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** The management endpoint of a kept client, with its current registration access token. */
  ClientConfiguration configuration(String clientId, Transport transport) throws IOException {
    Path file = file(clientId);
    if (!Files.exists(file)) {
      throw CliError.usage(
          "no registration of "
              + clientId
              + " is kept here ("
              + file
              + "); only clients registered by lanyard register can be managed");
    }
    Map<String, Object> json = Json.parse(Files.readString(file, UTF_8), file.toString());
    Object uri = json.get("registration_client_uri");
    Object token = json.get("registration_access_token");
    if (!(uri instanceof String u) || !(token instanceof String t)) {
      throw CliError.failure(
          "the registration of " + clientId + " in " + file + " has no management credentials");
    }
    return ClientConfiguration.of(URI.create(u), t, clientId, transport);
  }

  void delete(String clientId) throws IOException {
    Files.deleteIfExists(file(clientId));
  }

  private FileAttribute<?>[] owner() {
    if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
