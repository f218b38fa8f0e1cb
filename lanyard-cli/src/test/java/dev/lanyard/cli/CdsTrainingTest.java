package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run: it must behave, and leave nothing behind (it writes a token). */
class CdsTrainingTest {
  @TempDir Path dir;

  @Test
  void train_commandsBehave_exit0_andTheHomeWithItsTokenFileIsGone() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));

    int code = CdsTraining.train(home);

    assertThat(code).isEqualTo(0);
    assertThat(home).doesNotExist();
  }

  @Test
  void trainToken_fastPathAnswersEachTime_exit0_andTheHomeIsGone() throws Exception {
    Path home = Files.createDirectory(dir.resolve("token-home"));

    int code = CdsTraining.trainToken(home);

    assertThat(code).isEqualTo(0);
    assertThat(home).doesNotExist();
  }
}
