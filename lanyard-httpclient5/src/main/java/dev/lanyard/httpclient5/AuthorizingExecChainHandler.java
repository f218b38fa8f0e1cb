package dev.lanyard.httpclient5;

import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.http.ResponseHead;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Authorizes each request, and when the authorizer says a retry may help (a 401 that a new token
 * may cure) sends it once more, re-authorized; never a third time.
 */
final class AuthorizingExecChainHandler implements ExecChainHandler {
  private final RequestAuthorizer authorizer;

  AuthorizingExecChainHandler(RequestAuthorizer authorizer) {
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  @Override
  public ClassicHttpResponse execute(
      ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    URI uri = uri(request);
    Authorization sent = authorizer.authorize(request.getMethod(), uri);
    ClassicHttpResponse response = chain.proceed(authorized(request, uri, sent), scope);
    ResponseHead head = head(response);
    if (!repeatable(request.getEntity()) || !authorizer.retryMayHelp(sent, head)) {
      authorizer.onResponse(sent, head);
      return response;
    }
    Authorization next;
    try {
      next = authorizer.reauthorize(request.getMethod(), uri, sent, head);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (next.equals(sent)) {
      authorizer.onResponse(sent, head);
      return response; // the same credentials again would get the same answer
    }
    // Read the first answer to its end so the connection can serve the retry.
    EntityUtils.consume(response.getEntity());
    response.close();
    ClassicHttpResponse retry = chain.proceed(authorized(request, uri, next), scope);
    authorizer.onResponse(next, head(retry));
    return retry;
  }

  private static URI uri(ClassicHttpRequest request) throws ProtocolException {
    try {
      return request.getUri();
    } catch (URISyntaxException e) {
      throw new ProtocolException("request URI is not valid: " + e.getMessage(), e);
    }
  }

  private static ClassicHttpRequest authorized(
      ClassicHttpRequest request, URI uri, Authorization authorization) {
    ClassicRequestBuilder b = ClassicRequestBuilder.copy(request);
    if (authorization.uri().isPresent()) {
      b.setUri(authorization.uriFor(uri));
    }
    authorization.headers().forEach(b::setHeader);
    return b.build();
  }

  private static boolean repeatable(HttpEntity entity) {
    return entity == null || entity.isRepeatable();
  }

  private static ResponseHead head(ClassicHttpResponse response) {
    return new ResponseHead() {
      @Override
      public int status() {
        return response.getCode();
      }

      @Override
      public List<String> headers(String name) {
        Header[] headers = response.getHeaders(name);
        List<String> values = new ArrayList<>(headers.length);
        for (Header h : headers) {
          values.add(h.getValue());
        }
        return values;
      }
    };
  }

  @Override
  public String toString() {
    return "AuthorizingExecChainHandler{" + authorizer + '}';
  }
}
