package dev.lanyard.http;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code java.net.http} request bodies may be sent a second time after a 401.
 *
 * <p>The JDK's own contract is that a {@link HttpRequest.BodyPublisher} can be subscribed again:
 * {@code HttpClient} itself re-sends the body when it follows a 307/308 redirect or answers a
 * challenge with its {@link java.net.Authenticator}. So every publisher counts as replayable except
 * those the JDK documents or builds as one-shot:
 *
 * <ul>
 *   <li>{@code BodyPublishers.ofInputStream(supplier)}: "the supplier may return null on subsequent
 *       attempts" (a supplier that returns the same stream every time is the common case);
 *   <li>{@code BodyPublishers.fromPublisher(publisher)}: most reactive publishers are cold once;
 *   <li>{@code BodyPublishers.concat(...)}: its parts cannot be inspected, and may be either of the
 *       above.
 * </ul>
 *
 * <p>Recognised by class name, because the JDK offers no API for it; should those internal names
 * ever change, such requests are retried like any other, and {@code ReplayableBodiesTest} fails.
 */
final class ReplayableBodies {
  private static final Set<String> ONE_SHOT =
      Set.of(
          "jdk.internal.net.http.RequestPublishers$InputStreamPublisher",
          "jdk.internal.net.http.RequestPublishers$PublisherAdapter",
          "jdk.internal.net.http.RequestPublishers$AggregatePublisher");

  private ReplayableBodies() {}

  static boolean replayable(HttpRequest request) {
    Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
    return body.isEmpty()
        || body.get().contentLength() == 0
        || !ONE_SHOT.contains(body.get().getClass().getName());
  }
}
