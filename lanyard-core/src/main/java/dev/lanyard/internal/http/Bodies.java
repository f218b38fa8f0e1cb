package dev.lanyard.internal.http;

import dev.lanyard.MalformedResponseException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Body handlers that stop reading at {@link #MAX_BYTES}: a provider's answer larger than that is
 * not one Lanyard expects, and reading it whole would let a broken or hostile server fill memory.
 */
public final class Bodies {
  /** The largest body read from a provider: 4 MiB. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final Pattern CHARSET =
      Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

  private Bodies() {}

  /** The body as bytes, at most {@link #MAX_BYTES}. */
  public static HttpResponse.BodyHandler<byte[]> bytes(String what) {
    return info -> new Bounded(what, info.statusCode());
  }

  /** The body as text in the charset its {@code Content-Type} names, UTF-8 when none. */
  public static HttpResponse.BodyHandler<String> string(String what) {
    return info -> {
      Charset charset = charset(info.headers().firstValue("Content-Type").orElse(""));
      return BodySubscribers.mapping(
          new Bounded(what, info.statusCode()), b -> new String(b, charset));
    };
  }

  static Charset charset(String contentType) {
    Matcher m = CHARSET.matcher(contentType);
    if (m.find()) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** The size failure somewhere in {@code e}'s causes, as the client reports it. */
  static Optional<MalformedResponseException> tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TooLarge large) {
        return Optional.of(
            Answers.malformed(
                large.what, large.status, "with a body of more than " + MAX_BYTES + " bytes"));
      }
    }
    return Optional.empty();
  }

  /** Raised inside the client when a body passes the limit; turned into a malformed answer. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final int status;

    TooLarge(String what, int status) {
      super(what + " answered with too large a body");
      this.what = what;
      this.status = status;
    }
  }

  /** Collects the body, cancelling the stream once it passes the limit. */
  private static final class Bounded implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final String what;
    private final int status;
    private byte[] buffer = new byte[1024];
    private int size;
    private Flow.@Nullable Subscription subscription;

    Bounded(String what, int status) {
      this.what = what;
      this.status = status;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        int n = item.remaining();
        if (n > MAX_BYTES - size) {
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(new TooLarge(what, status));
          return;
        }
        if (size + n > buffer.length) {
          buffer =
              Arrays.copyOf(buffer, Math.min(MAX_BYTES, Math.max(size + n, buffer.length * 2)));
        }
        item.get(buffer, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(Arrays.copyOf(buffer, size));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
