package dev.lanyard.store;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Copies what slf4j-simple logs (to System.err) while open, and still shows it. */
final class StderrCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  StderrCapture() {
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (copy) {
              copy.write(b);
            }
            original.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (copy) {
              copy.write(b, off, len);
            }
            original.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** The captured lines containing {@code needle}. */
  List<String> lines(String needle) {
    String text;
    synchronized (copy) {
      text = copy.toString(StandardCharsets.UTF_8);
    }
    return text.lines().filter(l -> l.contains(needle)).toList();
  }

  /** The captured WARN lines that mention {@code needle}. */
  List<String> warnings(String needle) {
    return lines(needle).stream().filter(l -> l.contains("WARN")).toList();
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }
}
