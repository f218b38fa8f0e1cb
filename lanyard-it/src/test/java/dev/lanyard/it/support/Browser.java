package dev.lanyard.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at a real browser: a fresh headless Chromium (its own empty profile, so no SSO cookie of
 * an earlier test) driven by Selenium through Debian's chromedriver. Selenium Manager is never
 * asked for a driver: both executables are given, see {@link BrowserExecutables}.
 *
 * <p>Every wait is bounded ({@link #WAIT}); a failed wait says which URL and text the page had.
 * {@link #close()} always quits the driver and removes the profile.
 */
public final class Browser implements AutoCloseable {
  /** The longest wait for one page or element. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  /** Where a failed wait leaves a screenshot (lanyard-it/target under Maven). */
  private static final Path FAILURES = Path.of("target", "browser-failures");

  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
          "--window-size=1280,900");

  private final ChromeDriverService service;
  private final WebDriver driver;
  private final Path profile;

  private Browser(ChromeDriverService service, WebDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a headless Chromium with an empty profile; fails with what to install if it lacks. */
  public static Browser start() {
    BrowserExecutables exe = BrowserExecutables.locate();
    BrowserExecutables.quietSelenium();
    Path profile;
    try {
      profile = Files.createTempDirectory("lanyard-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(exe.chromium().toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(exe.chromedriver().toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
      return new Browser(service, driver, profile);
    } catch (RuntimeException e) {
      service.stop();
      BrowserExecutables.deleteQuietly(profile);
      throw new IllegalStateException(
          "Cannot start headless Chromium " + exe.chromium() + " through " + exe.chromedriver(), e);
    }
  }

  /** Opens a URL and waits for the page to load. */
  public Browser open(URI url) {
    driver.get(url.toString());
    return this;
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** The visible text of the page. */
  public String text() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (WebDriverException e) {
      return "(no page text: " + e.getClass().getSimpleName() + ")";
    }
  }

  /** True when an element with this id is on the page now. */
  public boolean has(String id) {
    return !driver.findElements(By.id(id)).isEmpty();
  }

  /** The current value of the input with this id, once it is there. */
  public String value(String id) {
    return await("#" + id, ExpectedConditions.presenceOfElementLocated(By.id(id)))
        .getDomProperty("value");
  }

  /** Replaces the text of the input with this id. */
  public Browser type(String id, String text) {
    WebElement input = await("#" + id, ExpectedConditions.elementToBeClickable(By.id(id)));
    input.clear();
    input.sendKeys(text);
    return this;
  }

  /** Clicks the element with this id, once it is clickable. */
  public Browser click(String id) {
    await("#" + id, ExpectedConditions.elementToBeClickable(By.id(id))).click();
    return this;
  }

  /** Clicks the button, input button or link whose visible text (or value) is {@code text}. */
  public Browser clickText(String text) {
    String q = text.contains("'") ? '"' + text + '"' : "'" + text + "'";
    By by =
        By.xpath(
            "//button[normalize-space(.)="
                + q
                + "] | //input[(@type='submit' or @type='button') and @value="
                + q
                + "] | //a[normalize-space(.)="
                + q
                + "]");
    await("'" + text + "'", ExpectedConditions.elementToBeClickable(by)).click();
    return this;
  }

  /**
   * Fills Keycloak's login form ({@code #username}, {@code #password}, {@code #kc-login}) and
   * submits it. A pre-filled username (from {@code login_hint}) is replaced.
   */
  public Browser signIn(String username, String password) {
    type("username", username);
    type("password", password);
    return click("kc-login");
  }

  /** Waits until the page text contains {@code text}. */
  public Browser waitForText(String text) {
    await("text '" + text + "'", d -> text().contains(text) ? Boolean.TRUE : null);
    return this;
  }

  /** Waits until the page shows one of these texts, and returns the first one found. */
  public String waitForAnyText(String... texts) {
    return await(
        "one of " + List.of(texts),
        d -> {
          String page = text();
          for (String t : texts) {
            if (page.contains(t)) {
              return t;
            }
          }
          return null;
        });
  }

  /** Waits until an element with this id is on the page. */
  public Browser waitFor(String id) {
    await("#" + id, ExpectedConditions.presenceOfElementLocated(By.id(id)));
    return this;
  }

  /** Saves a PNG of the page, for a person to look at after a failure. */
  public Path screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's HTML, for diagnostics. */
  public String source() {
    return String.valueOf(
        ((JavascriptExecutor) driver).executeScript("return document.documentElement.outerHTML"));
  }

  private <T> T await(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT).until(condition::apply);
    } catch (WebDriverException e) {
      throw new AssertionError(
          "The browser did not show "
              + what
              + " within "
              + WAIT.toSeconds()
              + " s; it is at "
              + url()
              + " ("
              + failureScreenshot()
              + ") showing:\n"
              + text(),
          e);
    }
  }

  private String failureScreenshot() {
    try {
      Path file = FAILURES.resolve("browser-" + System.currentTimeMillis() + ".png");
      return "screenshot " + screenshot(file).toAbsolutePath();
    } catch (RuntimeException e) {
      return "no screenshot: " + e;
    }
  }

  /** Quits Chromium and chromedriver and deletes the profile; never throws. */
  @Override
  public void close() {
    try {
      driver.quit();
    } catch (RuntimeException e) {
      System.err.println("[lanyard-it] quitting Chromium failed: " + e);
    } finally {
      service.stop();
      BrowserExecutables.deleteQuietly(profile);
    }
  }

  @Override
  public String toString() {
    return "Browser[" + url() + "]";
  }
}
