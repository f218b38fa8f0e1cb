package dev.lanyard.labarchives;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.internal.http.Answers;
import dev.lanyard.internal.http.Bodies;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.internal.http.Requests;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One signed GET to the LabArchives API over Lanyard's exchange with providers, and its XML answer
 * read here. Not replayable: a one-time code must not be presented twice, so the call is sent again
 * only when LabArchives cannot have processed it (the connection was refused, or it answered 429 or
 * 503). Failures are worded as for every provider call and name the call, never the URI (its query
 * holds the password token or code).
 */
final class ApiCalls {
  private ApiCalls() {}

  /**
   * The answer's document.
   *
   * @throws LabArchivesException when LabArchives answered with an error document
   * @throws MalformedResponseException when the answer is not XML, or not a success
   * @throws ProviderUnreachableException when LabArchives could not be reached
   */
  static Document get(Transport transport, URI signed, String call) throws IOException {
    String what = "LabArchives " + call;
    HttpResponse<byte[]> response =
        Exchange.of(transport)
            .send(
                Requests.get(transport, signed, "application/xml"),
                false,
                what,
                Bodies.bytes(what, Bodies.Limit.LABARCHIVES));
    int status = response.statusCode();
    Document doc;
    try {
      doc = Xml.parse(response.body());
    } catch (Xml.Invalid e) {
      throw Answers.malformed(what, status, "with a body that is " + e.getMessage());
    }
    Element root = doc.getDocumentElement();
    if (root.getTagName().equals("error")) {
      throw LabArchivesException.of(
          Xml.text(root, "error-code").orElse("unknown"),
          Xml.text(root, "error-description").orElse(null),
          status);
    }
    if (status / 100 != 2) {
      throw Answers.malformed(what, status, "and no error document");
    }
    return doc;
  }
}
