package dev.lanyard.it.login;

import dev.lanyard.it.support.Browser;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.LoginResult;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The launcher SPI as a person's browser: hands the authorization URL to headless Chromium and lets
 * the person act on the page. {@link BrowserLogin} swallows a launcher's failure (it prints the URL
 * and waits), so a failure here is kept, the sign-in cancelled at once, and {@link #login} reports
 * the browser's failure instead of a bare cancellation.
 */
final class ChromiumLauncher implements BrowserLauncher {
  private final Browser browser;
  private final Consumer<Browser> person;
  private final CompletableFuture<URI> opened = new CompletableFuture<>();
  private volatile Runnable onFailure = () -> {};
  private volatile Throwable failure;

  ChromiumLauncher(Browser browser, Consumer<Browser> person) {
    this.browser = browser;
    this.person = person;
  }

  /** Builds the login with this launcher; a browser failure cancels it. */
  BrowserLogin build(BrowserLogin.Builder builder) {
    BrowserLogin login = builder.loopback(Lab.loopbackOptions().withLauncher(this)).build();
    onFailure = login::cancel;
    return login;
  }

  @Override
  public void open(URI uri) {
    opened.complete(uri);
    try {
      browser.open(uri);
      person.accept(browser);
    } catch (RuntimeException | AssertionError e) {
      failure = e;
      onFailure.run();
    }
  }

  /** The authorization URL, once the login handed it over. */
  URI url() {
    return opened.getNow(null);
  }

  /** {@code login.login()}, failing with the browser's failure when there was one. */
  LoginResult login(BrowserLogin login) throws IOException {
    LoginResult result;
    try {
      result = login.login();
    } catch (IOException | RuntimeException e) {
      Throwable f = failure;
      if (f != null) {
        AssertionError error = new AssertionError("the browser step failed: " + f.getMessage(), f);
        error.addSuppressed(e);
        throw error;
      }
      throw e;
    }
    check();
    return result;
  }

  /** Fails when the person's browser step failed. */
  void check() {
    Throwable f = failure;
    if (f != null) {
      throw new AssertionError("the browser step failed: " + f.getMessage(), f);
    }
  }
}
