package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code status --verbose} says about the proxy and CA bundle a profile would use. */
class NetworkTest {
  @TempDir Path dir;

  @Test
  void statusVerbose_proxyFromVariable_noProxyExemption_caFromProfile() throws Exception {
    Cli cli = new Cli(dir).var("HTTPS_PROXY", "http://u:secret@proxy.example:3128");
    assertThat(
            cli.run("profile", "set", "default", "issuer=https://id.example.org/realms/x").code())
        .isZero();
    Run r = cli.run("status", "--verbose");
    assertThat(r.out())
        .as(r.toString())
        .contains("proxy:      http://u:***@proxy.example:3128 (HTTPS_PROXY)")
        .contains("CA bundle:  the JDK's default trust store")
        .doesNotContain("secret");

    cli.var("NO_PROXY", ".example.org");
    assertThat(cli.run("status", "--verbose").out())
        .contains("proxy:      direct (no_proxy: .example.org)");
  }

  @Test
  void statusVerbose_caFileOfProfileMissing_saysSoOnItsRow() throws Exception {
    Cli cli = new Cli(dir);
    cli.run("profile", "set", "default", "issuer=https://id.example.org", "ca_file=~/ca.pem");
    Run r = cli.run("status", "--verbose");
    Path expected = dir.resolve("home").resolve("ca.pem");
    assertThat(r.out())
        .as(r.toString())
        .contains(
            "CA bundle:  CA bundle "
                + expected
                + " (from ca_file of profile 'default') does not exist");
  }

  @Test
  void dotEnv_cannotSetAProxyOrCa() throws Exception {
    Cli cli = new Cli(dir);
    Files.writeString(
        dir.resolve(".env"), "HTTPS_PROXY=http://evil.example:1\nLANYARD_CA_FILE=/evil.pem\n");
    cli.run("profile", "set", "default", "issuer=https://id.example.org");
    Run r = cli.run("status", "--verbose");
    assertThat(r.out())
        .as(r.toString())
        .contains("proxy:      direct")
        .contains("CA bundle:  the JDK's default trust store");
  }

  @Test
  void statusJson_namesProxyAndBundle() throws Exception {
    Cli cli = new Cli(dir).var("HTTPS_PROXY", "http://proxy.example:3128");
    cli.var("LANYARD_CA_FILE", "/etc/ca.pem");
    cli.run("profile", "set", "default", "issuer=https://id.example.org");
    Run r = cli.run("status", "--json");
    assertThat(r.out())
        .contains("\"proxy\":\"http://proxy.example:3128 (HTTPS_PROXY)\"")
        .contains("\"ca_bundle\":\"/etc/ca.pem\"");
  }
}
