package dev.lanyard.okhttp;

import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.http.ResponseHead;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Authorizes each call, and when the authorizer says a retry may help (a 401 that a new token may
 * cure) sends it once more, re-authorized; never a third time.
 */
final class AuthorizingInterceptor implements Interceptor {
  private final RequestAuthorizer authorizer;

  AuthorizingInterceptor(RequestAuthorizer authorizer) {
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  RequestAuthorizer authorizer() {
    return authorizer;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    URI uri = request.url().uri();
    Preauthorized pre = request.tag(Preauthorized.class);
    if (pre != null) {
      // An asynchronous call authorized before it was enqueued: its retry is handled there.
      return chain.proceed(authorized(request, uri, pre.authorization()));
    }
    Authorization sent = authorizer.authorize(request.method(), uri);
    Request first = authorized(request, uri, sent);
    Response response = chain.proceed(first);
    ResponseHead head = head(response);
    if (replayable(request.body())
        && stillCarries(response.request(), first, sent)
        && authorizer.retryMayHelp(sent, head)) {
      Authorization next;
      try {
        next = authorizer.reauthorize(request.method(), uri, sent, head);
      } catch (IOException | RuntimeException e) {
        response.close();
        throw e;
      }
      if (!next.equals(sent)) {
        response.close();
        Response retry = chain.proceed(authorized(request, uri, next));
        authorizer.onResponse(next, head(retry));
        return retry;
      }
    }
    authorizer.onResponse(sent, head);
    return response;
  }

  static Request authorized(Request request, URI uri, Authorization authorization) {
    Request.Builder b = request.newBuilder();
    if (authorization.uri().isPresent()) {
      b.url(HttpUrl.get(authorization.uriFor(uri)));
    }
    authorization.headers().forEach(b::header);
    return b.build();
  }

  static boolean replayable(RequestBody body) {
    return body == null || !(body.isOneShot() || body.isDuplex());
  }

  /**
   * True when the request that got the response still carries what the authorization set: OkHttp
   * drops {@code Authorization} when a redirect leaves the host, and a 401 from a host that never
   * saw the credentials is no reason to refresh them.
   */
  static boolean stillCarries(Request answered, Request sent, Authorization a) {
    if (!answered.url().equals(sent.url()) && a.headers().isEmpty()) {
      return false; // a signed URI was redirected away
    }
    for (Map.Entry<String, String> h : a.headers().entrySet()) {
      if (!h.getValue().equals(answered.header(h.getKey()))) {
        return false;
      }
    }
    return true;
  }

  static ResponseHead head(Response response) {
    return new ResponseHead() {
      @Override
      public int status() {
        return response.code();
      }

      @Override
      public List<String> headers(String name) {
        return response.headers(name);
      }
    };
  }

  /** The authorization an asynchronous call obtained before it was enqueued, as a request tag. */
  record Preauthorized(Authorization authorization) {}

  @Override
  public String toString() {
    return "AuthorizingInterceptor{" + authorizer + '}';
  }
}
