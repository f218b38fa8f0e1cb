package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the process (Ctrl-C, SIGTERM) while a sign-in waits cancels it cleanly. */
class CancelTest {
  @TempDir Path dir;

  @Test
  void deviceLogin_processStopped_cancelsAndStoresNothing() throws Exception {
    try (FakeProvider provider = new FakeProvider()) {
      provider.answer(
          "/device",
          200,
          "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\","
              + "\"verification_uri\":\"https://id.example.org/device\",\"expires_in\":600,"
              + "\"interval\":1}");
      for (int i = 0; i < 60; i++) {
        provider.answer("/token", 400, "{\"error\":\"authorization_pending\"}");
      }
      Path home = dir.resolve("home");
      Path err = dir.resolve("stderr.txt");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-cp",
                      System.getProperty("java.class.path"),
                      "dev.lanyard.cli.Main",
                      "login",
                      "--flow",
                      "device",
                      "--issuer",
                      provider.issuer(),
                      "--client-id",
                      "lab-cli"))
              .redirectError(err.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("LANYARD_HOME", home.toString());
      Process p = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(err) && Files.readString(err).contains("Waiting for you to approve"))) {
        assertThat(System.nanoTime()).as("the prompt appears").isLessThan(deadline);
        assertThat(p.isAlive()).as("still waiting").isTrue();
        Thread.sleep(100);
      }

      p.destroy(); // SIGTERM: shutdown hooks run, as for Ctrl-C

      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(err)).contains("Sign-in cancelled; nothing was stored.");
      assertThat(home.resolve("tokens"))
          .satisfiesAnyOf(
              t -> assertThat(t).doesNotExist(),
              t -> assertThat(Files.list(t).filter(f -> f.toString().endsWith(".json"))).isEmpty());
    }
  }
}
