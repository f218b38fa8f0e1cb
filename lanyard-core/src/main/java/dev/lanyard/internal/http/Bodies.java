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
 * Body handlers that stop reading at a {@link Limit} for the kind of answer: a provider's answer
 * larger than that is not one Lanyard expects, and reading it whole would let a broken or hostile
 * server fill memory. The stream is cancelled as soon as the limit is passed.
 */
public final class Bodies {
  /** The largest body read from a provider for any kind of answer: 4 MiB. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  /** How large each kind of answer may be: generous for real providers, small for memory. */
  public enum Limit {
    /** Token responses: access, refresh and ID token with many claims fit in tens of KiB. */
    TOKEN("token responses", 256 * 1024),
    /** OIDC discovery / RFC 8414 metadata documents (a few KiB in practice). */
    DISCOVERY("discovery documents", 512 * 1024),
    /** JSON Web Key Sets. */
    JWKS("key sets", 512 * 1024),
    /** Device authorization responses (RFC 8628 §3.2). */
    DEVICE("device authorization responses", 64 * 1024),
    /** Dynamic client registration responses (RFC 7591). */
    REGISTRATION("registration responses", 256 * 1024),
    /** Revocation responses (RFC 7009): empty on success. */
    REVOCATION("revocation responses", 64 * 1024),
    /** LabArchives API documents (notebook lists can be long). */
    LABARCHIVES("LabArchives documents", MAX_BYTES),
    /** Any other answer. */
    OTHER("answers", MAX_BYTES);

    private final String kind;
    private final int bytes;

    Limit(String kind, int bytes) {
      this.kind = kind;
      this.bytes = bytes;
    }

    /** The largest body accepted, in bytes. */
    public int bytes() {
      return bytes;
    }

    /** What a failure says: {@code more than N bytes, the limit for <kind>}. */
    String described() {
      return "more than " + bytes + " bytes, the limit for " + kind;
    }
  }

  private static final Pattern CHARSET =
      Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

  private Bodies() {}

  /** The body as bytes, at most {@link #MAX_BYTES}. */
  public static HttpResponse.BodyHandler<byte[]> bytes(String what) {
    return bytes(what, Limit.OTHER);
  }

  /** The body as bytes, at most {@code limit}. */
  public static HttpResponse.BodyHandler<byte[]> bytes(String what, Limit limit) {
    return info -> new Bounded(what, info.statusCode(), limit);
  }

  /** The body as text in the charset its {@code Content-Type} names, UTF-8 when none. */
  public static HttpResponse.BodyHandler<String> string(String what) {
    return string(what, Limit.OTHER);
  }

  /** As {@link #string(String)}, at most {@code limit}. */
  public static HttpResponse.BodyHandler<String> string(String what, Limit limit) {
    return info -> {
      Charset charset = charset(info.headers().firstValue("Content-Type").orElse(""));
      return BodySubscribers.mapping(
          new Bounded(what, info.statusCode(), limit), b -> new String(b, charset));
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
                large.what, large.status, "with a body of " + large.limit.described()));
      }
    }
    return Optional.empty();
  }

  /** Raised inside the client when a body passes the limit; turned into a malformed answer. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final int status;
    private final transient Limit limit;

    TooLarge(String what, int status, Limit limit) {
      super(what + " answered with too large a body");
      this.what = what;
      this.status = status;
      this.limit = limit;
    }
  }

  /** Collects the body, cancelling the stream once it passes the limit. */
  private static final class Bounded implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final String what;
    private final int status;
    private final Limit limit;
    private byte[] buffer = new byte[1024];
    private int size;
    private boolean done;
    private Flow.@Nullable Subscription subscription;

    Bounded(String what, int status, Limit limit) {
      this.what = what;
      this.status = status;
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (done) {
        return; // items already in flight when the stream was cancelled
      }
      int max = limit.bytes();
      for (ByteBuffer item : items) {
        int n = item.remaining();
        if (n > max - size) {
          done = true;
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(new TooLarge(what, status, limit));
          return;
        }
        if (size + n > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(max, Math.max(size + n, buffer.length * 2)));
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
