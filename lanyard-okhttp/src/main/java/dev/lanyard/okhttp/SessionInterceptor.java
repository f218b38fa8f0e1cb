package dev.lanyard.okhttp;

import dev.lanyard.http.AuthorizationHeader;
import dev.lanyard.http.SessionAuthorizer;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Puts the session's {@code Authorization} on every request; no credentials fail the call. */
final class SessionInterceptor implements Interceptor {
  private final SessionAuthorizer authorizer;

  SessionInterceptor(SessionAuthorizer authorizer) {
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    AuthorizationHeader header = authorizer.authorize();
    return chain.proceed(
        chain.request().newBuilder().header(AuthorizationHeader.NAME, header.value()).build());
  }

  @Override
  public String toString() {
    return "SessionInterceptor{" + authorizer + '}';
  }
}
