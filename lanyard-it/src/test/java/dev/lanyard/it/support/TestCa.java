package dev.lanyard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one build with the JDK's {@code keytool}: its certificate
 * ({@code ca.pem}), a server key store signed by it for {@code 127.0.0.1} and {@code localhost}
 * ({@code server.p12}, which Keycloak's HTTPS listener serves), and a second, unrelated CA ({@code
 * other-ca.pem}) for the "wrong bundle" case. Nothing is checked in; every key is new.
 */
public final class TestCa {
  /** The key stores' password: test material only. */
  public static final String PASSWORD = "lanyard-test";

  private final Path dir;

  private TestCa(Path dir) {
    this.dir = dir;
  }

  /** Makes the CA and the server's key store in {@code dir} (with the keytool of {@code jdk}). */
  static TestCa create(Path dir, Path jdk) {
    try {
      Files.createDirectories(dir);
      for (String f : List.of("ca.p12", "other.p12", "server.p12", "ca.pem", "other-ca.pem")) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Path keytool = jdk.resolve("bin/keytool");
      String ca = dir.resolve("ca.p12").toString();
      String other = dir.resolve("other.p12").toString();
      String server = dir.resolve("server.p12").toString();
      keytool(
          keytool,
          dir,
          null,
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=Lanyard build CA",
          "-ext",
          "bc:c",
          "-validity",
          "2",
          "-keystore",
          ca);
      keytool(
          keytool,
          dir,
          null,
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=Some other CA",
          "-ext",
          "bc:c",
          "-validity",
          "2",
          "-keystore",
          other);
      keytool(
          keytool,
          dir,
          null,
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=127.0.0.1",
          "-validity",
          "2",
          "-keystore",
          server);
      keytool(keytool, dir, "ca.pem", "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca);
      keytool(
          keytool, dir, "other-ca.pem", "-exportcert", "-rfc", "-alias", "ca", "-keystore", other);
      keytool(keytool, dir, "server.csr", "-certreq", "-alias", "server", "-keystore", server);
      keytool(
          keytool,
          dir,
          "server.pem",
          "-gencert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          ca,
          "-infile",
          dir.resolve("server.csr").toString(),
          "-validity",
          "2",
          "-ext",
          "san=ip:127.0.0.1,dns:localhost",
          "-ext",
          "eku=serverAuth");
      keytool(
          keytool,
          dir,
          null,
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          dir.resolve("ca.pem").toString(),
          "-keystore",
          server);
      keytool(
          keytool,
          dir,
          null,
          "-importcert",
          "-alias",
          "server",
          "-file",
          dir.resolve("server.pem").toString(),
          "-keystore",
          server);
      return new TestCa(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the test CA in " + dir, e);
    }
  }

  private static void keytool(Path keytool, Path dir, String outFile, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASSWORD, "-storetype", "pkcs12"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Path log = dir.resolve("keytool.log");
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectOutput(
        outFile == null
            ? ProcessBuilder.Redirect.appendTo(log.toFile())
            : ProcessBuilder.Redirect.to(dir.resolve(outFile).toFile()));
    Process p = pb.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool " + args[0] + " took over 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "keytool "
              + String.join(" ", args)
              + " failed; see "
              + log
              + ": "
              + Files.readString(log));
    }
  }

  /** The CA's certificate, PEM: what a person would set as {@code ca_file}. */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** A valid PEM certificate of a CA that did not sign the server's. */
  public Path otherCaPem() {
    return dir.resolve("other-ca.pem");
  }

  /** The server's PKCS#12 key store (password {@link #PASSWORD}). */
  public Path serverKeyStore() {
    return dir.resolve("server.p12");
  }
}
