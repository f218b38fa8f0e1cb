package dev.lanyard.store;

import dev.lanyard.TokenSet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A child JVM for the cross-process tests. Prints {@code ready}, waits for a line on stdin, then:
 *
 * <ul>
 *   <li>{@code increment <file> <n>}: n updates that each add one to the counter in the file;
 *   <li>{@code hold <lockFile>}: holds an exclusive lock on the lock file until stdin closes.
 * </ul>
 */
public final class StoreChild {
  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    switch (args[0]) {
      case "increment" -> {
        FileTokenStore store = FileTokenStore.at(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        ready();
        in.readLine();
        for (int i = 0; i < n; i++) {
          store.update(StoreChild::increment);
        }
      }
      case "hold" -> {
        try (FileChannel channel =
                FileChannel.open(
                    Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          ready();
          while (in.readLine() != null) {
            // hold until the parent closes stdin
          }
          System.err.println("releasing " + lock);
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void ready() {
    System.out.println("ready");
    System.out.flush();
  }

  /** Adds one to the counter kept in the access token, {@code count-<n>}; empty counts as 0. */
  static TokenSet increment(Optional<TokenSet> current) {
    long count = current.map(t -> Long.parseLong(t.accessToken().substring(6))).orElse(0L);
    return TokenSet.builder("count-" + (count + 1)).refreshToken("refresh-" + (count + 1)).build();
  }

  static long count(TokenStore store) throws java.io.IOException {
    return store.load().map(t -> Long.parseLong(t.accessToken().substring(6))).orElse(0L);
  }
}
