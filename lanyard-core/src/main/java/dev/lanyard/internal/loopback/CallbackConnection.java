package dev.lanyard.internal.loopback;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the loopback server while its request head arrives: at most {@value #MAX_HEAD}
 * bytes, before a deadline. The body of a request is never read (a GET has none).
 */
final class CallbackConnection {
  private static final Logger log = LoggerFactory.getLogger(CallbackConnection.class);
  static final int MAX_HEAD = 16 * 1024;

  /** What a read brought. */
  enum Progress {
    MORE,
    COMPLETE,
    CLOSED
  }

  private final SocketChannel channel;
  private final long deadline;
  private final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);

  CallbackConnection(SocketChannel channel, long deadlineNanos) {
    this.channel = channel;
    this.deadline = deadlineNanos;
  }

  SocketChannel channel() {
    return channel;
  }

  boolean expired(long nowNanos) {
    return deadline - nowNanos <= 0;
  }

  /** Reads what arrived without blocking; a head too large is answered with 431 and closed. */
  Progress read() {
    int from = Math.max(0, head.position() - 3);
    try {
      if (channel.read(head) < 0) {
        close();
        return Progress.CLOSED;
      }
    } catch (IOException e) {
      close();
      return Progress.CLOSED;
    }
    if (endOfHead(from)) {
      return Progress.COMPLETE;
    }
    if (!head.hasRemaining()) {
      try {
        channel.write(ByteBuffer.wrap(Page.tooLarge().toBytes()));
      } catch (IOException ignored) {
        // closed either way
      }
      close();
      return Progress.CLOSED;
    }
    return Progress.MORE;
  }

  /** An empty line ends the head: CRLF CRLF, or bare LF LF from lax clients. */
  private boolean endOfHead(int from) {
    byte[] b = head.array();
    for (int i = Math.max(from, 1); i < head.position(); i++) {
      if (b[i] == '\n' && (b[i - 1] == '\n' || (i >= 3 && b[i - 1] == '\r' && b[i - 2] == '\n'))) {
        return true;
      }
    }
    return false;
  }

  CallbackRequest request() {
    return CallbackRequest.parse(head.array(), head.position());
  }

  /**
   * Sends a page on a blocking channel, then ends the output; failures only mean the client left.
   */
  void send(Page page) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(page.toBytes());
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.shutdownOutput();
    } catch (IOException e) {
      log.debug("could not send a page: {}", e.toString());
    }
  }

  void close() {
    quietClose(channel);
  }

  static void quietClose(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }
}
