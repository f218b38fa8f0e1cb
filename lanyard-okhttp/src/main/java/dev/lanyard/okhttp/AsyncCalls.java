package dev.lanyard.okhttp;

import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.http.ResponseHead;
import dev.lanyard.okhttp.AuthorizingInterceptor.Preauthorized;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asynchronous calls that hold no thread while Lanyard waits: the authorization (and after a 401,
 * the re-authorization) is obtained with {@link RequestAuthorizer#authorizeAsync} before the call
 * is enqueued, so no OkHttp dispatcher thread waits for a token refresh.
 */
final class AsyncCalls {
  private AsyncCalls() {}

  static CompletableFuture<Response> call(OkHttpClient client, Request request) {
    RequestAuthorizer authorizer = authorizerOf(client);
    URI uri = request.url().uri();
    return authorizer
        .authorizeAsync(request.method(), uri)
        .thenCompose(
            sent ->
                enqueue(client, request, sent)
                    .thenCompose(
                        response -> afterFirst(client, authorizer, request, sent, response)));
  }

  private static CompletableFuture<Response> afterFirst(
      OkHttpClient client,
      RequestAuthorizer authorizer,
      Request request,
      Authorization sent,
      Response response) {
    URI uri = request.url().uri();
    ResponseHead head = AuthorizingInterceptor.head(response);
    Request first = AuthorizingInterceptor.authorized(request, uri, sent);
    if (!(AuthorizingInterceptor.replayable(request.body())
        && AuthorizingInterceptor.stillCarries(response.request(), first, sent)
        && authorizer.retryMayHelp(sent, head))) {
      authorizer.onResponse(sent, head);
      return CompletableFuture.completedFuture(response);
    }
    return authorizer
        .reauthorizeAsync(request.method(), uri, sent, head)
        .whenComplete(
            (next, failure) -> {
              if (failure != null) {
                response.close();
              }
            })
        .thenCompose(
            next -> {
              if (next.equals(sent)) {
                authorizer.onResponse(sent, head);
                return CompletableFuture.completedFuture(response);
              }
              response.close();
              return enqueue(client, request, next)
                  .thenApply(
                      retry -> {
                        authorizer.onResponse(next, AuthorizingInterceptor.head(retry));
                        return retry;
                      });
            });
  }

  private static CompletableFuture<Response> enqueue(
      OkHttpClient client, Request request, Authorization authorization) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    Call call =
        client.newCall(
            request
                .newBuilder()
                .tag(Preauthorized.class, new Preauthorized(authorization))
                .build());
    var unused =
        result.whenComplete(
            (r, e) -> {
              if (result.isCancelled()) {
                call.cancel(); // the caller gave up on the future: stop the call too
              }
            });
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            result.completeExceptionally(e);
          }

          @Override
          public void onResponse(Call c, Response response) {
            if (!result.complete(response)) {
              response.close();
            }
          }
        });
    return result;
  }

  private static RequestAuthorizer authorizerOf(OkHttpClient client) {
    for (Interceptor i : client.interceptors()) {
      if (i instanceof AuthorizingInterceptor a) {
        return a.authorizer();
      }
    }
    throw new IllegalArgumentException(
        "the client has no Lanyard interceptor: build it with LanyardOkHttp.install(...)");
  }
}
