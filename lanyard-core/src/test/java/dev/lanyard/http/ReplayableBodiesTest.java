package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fails when a JDK renames the one-shot publishers that ReplayableBodies recognises by name. */
class ReplayableBodiesTest {
  private static final URI URL = URI.create("http://127.0.0.1/api");

  private static boolean replayable(BodyPublisher body) {
    return ReplayableBodies.replayable(HttpRequest.newBuilder(URL).POST(body).build());
  }

  @Test
  void noBodyOrBuiltInPublishers_replayable() {
    assertThat(ReplayableBodies.replayable(HttpRequest.newBuilder(URL).build())).isTrue();
    assertThat(ReplayableBodies.replayable(HttpRequest.newBuilder(URL).DELETE().build())).isTrue();
    assertThat(replayable(BodyPublishers.noBody())).isTrue();
    assertThat(replayable(BodyPublishers.ofString("x"))).isTrue();
    assertThat(replayable(BodyPublishers.ofByteArray(new byte[] {1}))).isTrue();
    assertThat(replayable(BodyPublishers.ofByteArrays(List.of(new byte[] {1})))).isTrue();
  }

  @Test
  void fileBody_replayable() throws Exception {
    Path file = java.nio.file.Files.createTempFile("lanyard", ".txt");
    try {
      java.nio.file.Files.writeString(file, "x");
      assertThat(replayable(BodyPublishers.ofFile(file))).isTrue();
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void inputStreamPublisherAdapterAndConcat_oneShot() {
    assertThat(
            replayable(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1]))))
        .isFalse();
    assertThat(replayable(BodyPublishers.fromPublisher(BodyPublishers.ofString("x")))).isFalse();
    assertThat(
            replayable(
                BodyPublishers.concat(BodyPublishers.ofString("a"), BodyPublishers.ofString("b"))))
        .isFalse();
  }
}
