package dev.lanyard.labarchives;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One signed GET to the LabArchives API and its XML answer. Sent once, never retried: a one-time
 * code must not be presented twice. Messages name the call, never the URI (its query holds the
 * password token or code).
 */
final class ApiCalls {
  /** Larger answers are not the documents these calls expect. */
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private ApiCalls() {}

  /**
   * The answer's document.
   *
   * @throws LabArchivesException when LabArchives answered with an error document
   * @throws MalformedResponseException when the answer is not XML, or not a success
   * @throws ProviderUnreachableException when LabArchives could not be reached
   */
  static Document get(Transport transport, URI signed, String call) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(signed)
            .timeout(transport.requestTimeout())
            .header("Accept", "application/xml")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = transport.httpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling LabArchives " + call);
    } catch (IOException e) {
      throw new ProviderUnreachableException(
          "cannot reach LabArchives at "
              + signed.getHost()
              + " for "
              + call
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    int status = response.statusCode();
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      throw new MalformedResponseException(
          "LabArchives answered " + call + " with more than " + MAX_BYTES + " bytes", status);
    }
    Document doc;
    try {
      doc = Xml.parse(body);
    } catch (Xml.Invalid e) {
      throw new MalformedResponseException(
          "LabArchives answered " + call + " with HTTP " + status + " and " + e.getMessage(),
          status);
    }
    Element root = doc.getDocumentElement();
    if (root.getTagName().equals("error")) {
      throw LabArchivesException.of(
          Xml.text(root, "error-code").orElse("unknown"),
          Xml.text(root, "error-description").orElse(null),
          status);
    }
    if (status / 100 != 2) {
      throw new MalformedResponseException(
          "LabArchives answered " + call + " with HTTP " + status + " and no error document",
          status);
    }
    return doc;
  }
}
