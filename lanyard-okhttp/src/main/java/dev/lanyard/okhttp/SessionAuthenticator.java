package dev.lanyard.okhttp;

import dev.lanyard.http.AuthorizationHeader;
import dev.lanyard.http.SessionAuthorizer;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a 401 with the request re-signed after one refresh, or with null (OkHttp then returns the
 * 401) when a retry cannot help or already happened.
 */
final class SessionAuthenticator implements Authenticator {
  private final SessionAuthorizer authorizer;

  SessionAuthenticator(SessionAuthorizer authorizer) {
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    List<String> challenges = response.headers("WWW-Authenticate");
    if (alreadyRetried(response) || !SessionAuthorizer.isRefreshCase(response.code(), challenges)) {
      return null;
    }
    Request sent = response.request();
    // Only a request that carried the session's token: never one whose header OkHttp dropped on a
    // redirect to another host (the token must not follow it there), nor one sent without it.
    Optional<AuthorizationHeader> rejected =
        authorizer.recognize(sent.header(AuthorizationHeader.NAME));
    RequestBody body = sent.body();
    if (rejected.isEmpty() || (body != null && (body.isOneShot() || body.isDuplex()))) {
      return null;
    }
    AuthorizationHeader next = authorizer.reauthorize(rejected.get());
    if (next.accessToken().equals(rejected.get().accessToken())) {
      return null; // the same token again would get the same answer
    }
    return sent.newBuilder().header(AuthorizationHeader.NAME, next.value()).build();
  }

  /** Never loop: once any earlier response of this call was a 401, give up. */
  private static boolean alreadyRetried(Response response) {
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "SessionAuthenticator{" + authorizer + '}';
  }
}
