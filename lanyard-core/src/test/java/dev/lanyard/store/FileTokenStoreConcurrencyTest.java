package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.TokenSet;
import dev.lanyard.testing.FakeClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/** Threads and processes sharing one token file. */
@Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
class FileTokenStoreConcurrencyTest {
  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  /** A large token set whose every field says which write it came from. */
  private static TokenSet large(int i) {
    String pad = String.valueOf((char) ('a' + i % 26)).repeat(200_000);
    return TokenSet.builder("access-" + i + "-" + pad)
        .refreshToken("refresh-" + i + "-" + pad)
        .idToken("id-" + i)
        .issuedAt(Instant.EPOCH.plusSeconds(i))
        .build();
  }

  @Test
  void load_whileWriterReplaces_neverTorn() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(large(0));
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (StderrCapture log = new StderrCapture()) {
      Future<Integer> reader =
          pool.submit(
              () -> {
                int reads = 0;
                while (!done.get() || reads == 0) {
                  TokenSet read = store.load().orElseThrow();
                  int i = Integer.parseInt(read.idToken().orElseThrow().substring(3));
                  assertThat(read).isEqualTo(large(i));
                  reads++;
                }
                return reads;
              });
      for (int i = 1; i <= 100; i++) {
        store.save(large(i));
      }
      done.set(true);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
      assertThat(log.warnings("t.json")).isEmpty();
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.load()).contains(large(100));
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("t.json", "t.json.lock");
  }

  @Test
  void update_16threadsx50increments_exactCount() throws Exception {
    Path file = dir.resolve("t.json");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      // separate instances, as separate sessions in one process would have
      FileTokenStore store = FileTokenStore.at(file);
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 50; i++) {
                  store.update(StoreChild::increment);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(100, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(StoreChild.count(FileTokenStore.at(file))).isEqualTo(800);
  }

  @Test
  void update_4processesAndThisOne_exactCount() throws Exception {
    Path file = dir.resolve("t.json");
    int processes = 4;
    int perProcess = 50;
    for (int p = 0; p < processes; p++) {
      startChild(p, "increment", file.toString(), String.valueOf(perProcess));
    }
    for (Process child : children) {
      awaitReady(child);
    }
    for (Process child : children) {
      try (Writer go = child.outputWriter(StandardCharsets.UTF_8)) {
        go.write("go\n");
      }
    }
    FileTokenStore store = FileTokenStore.at(file);
    for (int i = 0; i < perProcess; i++) {
      store.update(StoreChild::increment);
    }
    for (int p = 0; p < processes; p++) {
      Process child = children.get(p);
      assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue())
          .as("exit code of child %d; its stderr:%n%s", p, Files.readString(stderr(p)))
          .isZero();
    }
    assertThat(StoreChild.count(store)).isEqualTo((processes + 1L) * perProcess);
  }

  @Test
  void update_lockHeldByOtherProcess_timesOutNamingLockFile() throws Exception {
    FileTokenStore store =
        FileTokenStore.at(dir.resolve("t.json")).withLockTimeout(Duration.ofMillis(300));
    store.save(TokenSet.builder("before").build());
    Process holder = startChild(0, "hold", store.lockPath().toString());
    awaitReady(holder);

    long started = System.nanoTime();
    assertThatThrownBy(() -> store.update(current -> TokenSet.builder("after").build()))
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessageContaining(store.lockPath().toString())
        .hasMessageContaining("300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
    assertThatThrownBy(() -> store.save(TokenSet.builder("after").build()))
        .isInstanceOf(LoginTimeoutException.class);
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("before");

    holder.outputWriter(StandardCharsets.UTF_8).close(); // the holder lets go
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    store.withLockTimeout(Duration.ofSeconds(30)).update(c -> TokenSet.builder("after").build());
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("after");
  }

  @Test
  void update_lockHeldByOtherProcess_timesOutOnTheInjectedClockWithoutWaitingForIt()
      throws Exception {
    FakeClock clock = new FakeClock();
    List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
    FileTokenStore store =
        FileTokenStore.at(dir.resolve("t.json"))
            .withWaits(
                d -> {
                  sleeps.add(d);
                  clock.advance(d);
                },
                () -> clock.millis() * 1_000_000L);
    store.save(TokenSet.builder("before").build());
    Process holder = startChild(0, "hold", store.lockPath().toString());
    awaitReady(holder);

    long started = System.nanoTime();
    assertThatThrownBy(() -> store.update(current -> TokenSet.builder("after").build()))
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessageContaining("60000 ms")
        .hasMessageContaining(store.lockPath().toString());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61));
    assertThat(sleeps).first().isEqualTo(Duration.ofMillis(1));
    assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(50)));
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("before");
    holder.outputWriter(StandardCharsets.UTF_8).close();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void update_sectionHeldByOtherThread_timesOut() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<TokenSet> holder =
          pool.submit(
              () ->
                  store.update(
                      current -> {
                        inside.countDown();
                        await(leave);
                        return TokenSet.builder("holder").build();
                      }));
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(
              () ->
                  store
                      .withLockTimeout(Duration.ofMillis(100))
                      .update(c -> TokenSet.builder("waiter").build()))
          .isInstanceOf(LoginTimeoutException.class)
          .hasMessageContaining(store.lockPath().toString());
      leave.countDown();
      assertThat(holder.get(30, TimeUnit.SECONDS).accessToken()).isEqualTo("holder");
      assertThat(store.load().map(TokenSet::accessToken)).isEqualTo(Optional.of("holder"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IOException("test latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private Path stderr(int index) {
    return dir.resolve("child-" + index + ".err");
  }

  private Process startChild(int index, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StoreChild.class.getName());
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectError(stderr(index).toFile()).start();
    children.add(child);
    return child;
  }

  private void awaitReady(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("first line of child %s", child.pid()).isEqualTo("ready");
  }
}
