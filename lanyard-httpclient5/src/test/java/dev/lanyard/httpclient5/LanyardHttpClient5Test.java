package dev.lanyard.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.http.HttpIntegrationContract;
import dev.lanyard.http.RequestAuthorizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.junit.jupiter.api.Test;

/** The contract on Apache HttpClient 5 (classic). */
class LanyardHttpClient5Test extends HttpIntegrationContract {
  @Override
  protected Client client(RequestAuthorizer authorizer) {
    CloseableHttpClient client =
        LanyardHttpClient5.install(HttpClients.custom(), authorizer).build();
    return new Client() {
      @Override
      public Answer send(Call call) throws IOException {
        ClassicRequestBuilder b = ClassicRequestBuilder.create(call.method()).setUri(call.uri());
        call.headers().forEach(b::setHeader);
        if (!call.method().equals("GET")) {
          byte[] bytes = call.body().getBytes(StandardCharsets.UTF_8);
          b.setEntity(
              call.oneShot()
                  ? new InputStreamEntity(
                      new ByteArrayInputStream(bytes), -1, ContentType.TEXT_PLAIN)
                  : new StringEntity(call.body(), ContentType.TEXT_PLAIN));
        }
        return answer(client, b.build());
      }

      @Override
      public void close() throws IOException {
        client.close();
      }
    };
  }

  private static Answer answer(CloseableHttpClient client, ClassicHttpRequest request)
      throws IOException {
    return client.execute(
        request,
        r ->
            new Answer(
                r.getCode(), r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity())));
  }

  @Test
  void install_session_bearerByTheNamedHandler() throws Exception {
    try (CloseableHttpClient client =
        LanyardHttpClient5.install(HttpClients.custom(), session).build()) {
      assertThat(answer(client, new HttpGet(api.api()))).isEqualTo(new Answer(200, "ok"));
    }
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
    assertThat(LanyardHttpClient5.execChainHandler(RequestAuthorizer.NONE).toString())
        .startsWith("AuthorizingExecChainHandler{");
  }
}
