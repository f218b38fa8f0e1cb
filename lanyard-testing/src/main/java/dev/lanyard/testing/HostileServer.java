package dev.lanyard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider on a raw loopback socket that misbehaves as scripted, at the byte level where
 * MockWebServer cannot: headers then a stalled body, a body dripped byte by byte, a huge or endless
 * body, a reset in the middle of the body, a page of HTML where JSON belongs. Every request to any
 * path gets the current {@link Fault}. {@link #closedByClient()} counts connections the client gave
 * up on (so a test can see that a deadline really cancelled the exchange).
 */
public final class HostileServer implements AutoCloseable {
  /** What the server does after reading a request. */
  public enum Fault {
    /** Headers announcing 100 bytes of JSON, three bytes of them, then nothing. */
    STALL_AFTER_HEADERS,
    /** Headers announcing 100 000 bytes, then one byte every 100 ms. */
    DRIP,
    /** {@code Content-Length} of 1 GiB, then spaces as fast as the client reads. */
    HUGE,
    /** A chunked body that never ends. */
    ENDLESS_CHUNKED,
    /** Headers announcing 1000 bytes, ten of them, then a TCP reset. */
    RESET_MID_BODY,
    /** 200 with an HTML page instead of JSON. */
    WRONG_CONTENT_TYPE
  }

  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private volatile Fault fault = Fault.STALL_AFTER_HEADERS;

  /** Starts on a free port of 127.0.0.1. */
  public HostileServer() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "hostile-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers every following request with {@code next}. */
  public HostileServer fault(Fault next) {
    this.fault = next;
    return this;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** Requests read so far. */
  public int requests() {
    return requests.get();
  }

  /** Connections the client closed (or reset) while the server was still answering. */
  public int closedByClient() {
    return closedByClient.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "hostile-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      if (!readRequest(in)) {
        return;
      }
      requests.incrementAndGet();
      OutputStream out = s.getOutputStream();
      switch (fault) {
        case STALL_AFTER_HEADERS -> {
          write(out, head("application/json", "Content-Length: 100") + "{\"a");
          if (in.read() < 0) {
            closedByClient.incrementAndGet(); // the client gave up: EOF
          }
        }
        case DRIP -> {
          write(out, head("application/json", "Content-Length: 100000") + "{");
          endless(out, new byte[] {' '}, 100);
        }
        case HUGE -> {
          write(out, head("application/json", "Content-Length: 1073741824"));
          byte[] spaces = new byte[64 * 1024];
          Arrays.fill(spaces, (byte) ' ');
          endless(out, spaces, 0);
        }
        case ENDLESS_CHUNKED -> {
          write(out, head("application/json", "Transfer-Encoding: chunked"));
          byte[] chunk =
              ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
          endless(out, chunk, 0);
        }
        case RESET_MID_BODY -> {
          write(out, head("application/json", "Content-Length: 1000") + "{\"access_t");
          s.setSoLinger(true, 0); // close sends RST
        }
        case WRONG_CONTENT_TYPE -> {
          String html = "<html><body>Sign in</body></html>";
          write(out, head("text/html", "Content-Length: " + html.length()) + html);
          in.read(); // wait for the client to close
        }
      }
    } catch (IOException e) {
      closedByClient.incrementAndGet(); // broken pipe or reset: the client went away
    } finally {
      open.remove(s);
    }
  }

  /** Writes {@code bytes} over and over, pausing {@code pauseMillis} between; until it fails. */
  private static void endless(OutputStream out, byte[] bytes, long pauseMillis) throws IOException {
    while (true) {
      out.write(bytes);
      out.flush();
      if (pauseMillis > 0) {
        try {
          Thread.sleep(pauseMillis); // the fault itself: a slow provider
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String head(String contentType, String framing) {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n" + framing + "\r\n\r\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads a request's head and its body (by Content-Length); false when the client left. */
  private static boolean readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return false;
      }
      head.append((char) c);
      if (head.length() > 65536) {
        return false;
      }
    }
    long length = 0;
    for (String line : head.toString().split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    in.skipNBytes(length);
    return true;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
