package dev.lanyard.httpclient5;

import dev.lanyard.http.AuthorizationHeader;
import dev.lanyard.http.SessionAuthorizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/** Signs each request, and after a 401 worth it refreshes once and sends the request again. */
final class SessionExecChainHandler implements ExecChainHandler {
  private final SessionAuthorizer authorizer;

  SessionExecChainHandler(SessionAuthorizer authorizer) {
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  @Override
  public ClassicHttpResponse execute(
      ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    AuthorizationHeader sent = authorizer.authorize();
    ClassicHttpResponse response = chain.proceed(signed(request, sent), scope);
    if (!SessionAuthorizer.isRefreshCase(response.getCode(), challenges(response))
        || !repeatable(request.getEntity())) {
      return response;
    }
    AuthorizationHeader next;
    try {
      next = authorizer.reauthorize(sent);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (next.accessToken().equals(sent.accessToken())) {
      return response; // the same token again would get the same answer
    }
    // Read the 401 to its end so the connection can serve the retry.
    EntityUtils.consume(response.getEntity());
    response.close();
    return chain.proceed(signed(request, next), scope);
  }

  private static ClassicHttpRequest signed(ClassicHttpRequest request, AuthorizationHeader header) {
    return ClassicRequestBuilder.copy(request)
        .setHeader(AuthorizationHeader.NAME, header.value())
        .build();
  }

  private static boolean repeatable(HttpEntity entity) {
    return entity == null || entity.isRepeatable();
  }

  private static List<String> challenges(ClassicHttpResponse response) {
    Header[] headers = response.getHeaders(HttpHeaders.WWW_AUTHENTICATE);
    List<String> values = new ArrayList<>(headers.length);
    for (Header h : headers) {
      values.add(h.getValue());
    }
    return values;
  }

  @Override
  public String toString() {
    return "SessionExecChainHandler{" + authorizer + '}';
  }
}
