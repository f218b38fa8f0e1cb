package dev.lanyard.internal.loopback;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback HTTP server a browser is redirected to, bound to 127.0.0.1 only.
 *
 * <p>One selector thread accepts connections and reads request heads without blocking, so idle
 * connections cost no thread: browsers open speculative connections that never send anything, and
 * garbage or half-open sockets must not keep the real callback out. Each connection has a deadline
 * for its head and a size limit; beyond {@value #MAX_CONNECTIONS} open connections the oldest is
 * dropped. Complete heads go to a small bounded pool of workers, which answer and close.
 */
public final class CallbackServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(CallbackServer.class);

  /** 127.0.0.1, the only address this server binds. */
  public static final InetAddress LOOPBACK = loopback();

  /** Connections beyond this many, waiting for their head, drop the oldest. */
  public static final int MAX_CONNECTIONS = 256;

  /** How long a connection may take to send its request head. */
  public static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);

  private static final int WORKERS = 4;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** What to do with requests and with the deadline; {@link #handle} runs on a worker thread. */
  public interface Handler {
    /** The answer to one request. */
    Reply handle(CallbackRequest request);

    /** The deadline passed; the server stops after this. */
    void expired();

    /** The server failed and stops. */
    void failed(IOException e);
  }

  /** A page, and what to run once it was sent (so the login ends only after the browser has it). */
  public record Reply(Page page, Runnable then) {
    /** A page with nothing to run after it. */
    public static Reply of(Page page) {
      return new Reply(page, () -> {});
    }
  }

  private final ServerSocketChannel server;
  private final Selector selector;
  private final int port;
  private final long headTimeoutNanos;
  private final Set<CallbackConnection> waiting = new LinkedHashSet<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadPoolExecutor workers;
  private volatile @Nullable Thread loop;

  private CallbackServer(ServerSocketChannel server, Selector selector, Duration headTimeout)
      throws IOException {
    this.server = server;
    this.headTimeoutNanos = headTimeout.toNanos();
    this.selector = selector;
    this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    this.workers =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            5,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64),
            CallbackServer::thread);
    workers.allowCoreThreadTimeOut(true);
  }

  /**
   * Binds 127.0.0.1 on {@code port}, 0 for any free one; nothing is served until {@link #start}.
   */
  public static CallbackServer bind(int port) throws IOException {
    return bind(port, HEAD_TIMEOUT);
  }

  /**
   * As {@link #bind(int)}, dropping connections whose head takes longer than {@code headTimeout}.
   */
  public static CallbackServer bind(int port, Duration headTimeout) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    Selector selector = null;
    try {
      try {
        channel.bind(new InetSocketAddress(LOOPBACK, port), 64);
      } catch (BindException e) {
        boolean inUse =
            port != 0 && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use");
        BindException clear =
            new BindException(
                inUse
                    ? "port "
                        + port
                        + " on 127.0.0.1 is already in use; choose another port or free it"
                    : "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        clear.initCause(e);
        throw clear;
      }
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_ACCEPT);
      return new CallbackServer(channel, selector, headTimeout);
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  /** The bound address, always {@link #LOOPBACK}. */
  public InetAddress address() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getAddress();
  }

  /** Serves until {@link #close()} or {@code deadlineNanos} ({@link System#nanoTime()} based). */
  public void start(Handler handler, long deadlineNanos) {
    Thread t = thread(() -> run(handler, deadlineNanos));
    t.setName("lanyard-callback-" + port);
    loop = t;
    t.start();
  }

  private void run(Handler handler, long deadline) {
    try {
      while (!closed.get()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          handler.expired();
          return;
        }
        selector.select(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
        List<CallbackConnection> complete = new ArrayList<>();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            acceptAll();
          } else if (key.isReadable()) {
            CallbackConnection conn = (CallbackConnection) key.attachment();
            CallbackConnection.Progress progress = conn.read();
            if (progress != CallbackConnection.Progress.MORE) {
              key.cancel();
              waiting.remove(conn);
            }
            if (progress == CallbackConnection.Progress.COMPLETE) {
              complete.add(conn);
            }
          }
        }
        dropExpired(System.nanoTime());
        if (!complete.isEmpty()) {
          selector.selectNow(); // deregisters the cancelled keys, so the channels may block
          complete.forEach(conn -> dispatch(conn, handler));
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed.get()) {
        log.warn("the sign-in callback server failed: {}", e.toString());
        handler.failed(e instanceof IOException io ? io : new IOException(e.toString(), e));
      }
    } finally {
      closeAll();
    }
  }

  private void acceptAll() {
    while (true) {
      SocketChannel channel;
      try {
        channel = server.accept();
        if (channel == null) {
          return;
        }
      } catch (IOException e) {
        log.debug("accept failed: {}", e.toString());
        return;
      }
      if (waiting.size() >= MAX_CONNECTIONS) {
        CallbackConnection oldest = waiting.iterator().next();
        waiting.remove(oldest);
        oldest.close();
      }
      try {
        channel.configureBlocking(false);
        CallbackConnection conn =
            new CallbackConnection(channel, System.nanoTime() + headTimeoutNanos);
        channel.register(selector, SelectionKey.OP_READ, conn);
        waiting.add(conn);
      } catch (IOException e) {
        CallbackConnection.quietClose(channel);
      }
    }
  }

  private void dropExpired(long now) {
    Iterator<CallbackConnection> it = waiting.iterator();
    while (it.hasNext()) {
      CallbackConnection conn = it.next();
      if (!conn.expired(now)) {
        return; // in accept order, so the rest are younger
      }
      it.remove();
      conn.close();
    }
  }

  private void dispatch(CallbackConnection conn, Handler handler) {
    try {
      conn.channel().configureBlocking(true);
      workers.execute(() -> serve(conn, handler));
    } catch (RejectedExecutionException e) {
      conn.send(Page.busy());
      conn.close();
    } catch (IOException e) {
      conn.close();
    }
  }

  private void serve(CallbackConnection conn, Handler handler) {
    Reply reply;
    try {
      CallbackRequest request = conn.request();
      log.debug("callback server: {}", request);
      reply = handler.handle(request);
    } catch (IllegalArgumentException e) {
      reply = Reply.of(Page.badRequest("This server does not understand that request."));
    } catch (RuntimeException e) {
      log.warn("the sign-in callback handler failed: {}", e.toString());
      reply = Reply.of(Page.failed("internal error"));
    }
    try {
      conn.send(reply.page());
    } finally {
      conn.close();
      reply.then().run();
    }
  }

  /** Stops serving and frees the port before returning (waiting at most 2 s for the loop). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      selector.wakeup();
    }
    Thread t = loop;
    if (t == null) {
      closeAll();
    } else if (t != Thread.currentThread()) {
      joinUninterruptibly(t, TimeUnit.SECONDS.toNanos(2));
    }
    workers.shutdownNow();
  }

  private void closeAll() {
    for (CallbackConnection conn : waiting) {
      conn.close();
    }
    waiting.clear();
    CallbackConnection.quietClose(server);
    CallbackConnection.quietClose(
        selector); // deregisters the server channel: only now is the port free
  }

  private static void joinUninterruptibly(Thread t, long nanos) {
    boolean interrupted = false;
    long end = System.nanoTime() + nanos;
    while (t.isAlive() && end - System.nanoTime() > 0) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "lanyard-callback-worker-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
