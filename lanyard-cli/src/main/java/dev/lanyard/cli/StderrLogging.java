package dev.lanyard.cli;

import java.io.PrintStream;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where the core's SLF4J messages go in the command line: standard error, one line each, as {@code
 * lanyard: warning: …}, each message once per run; warnings and errors only, debug too with {@code
 * --verbose} (system property {@code lanyard.log=debug}, set by {@link Main}). A provider of its
 * own because it starts in a fraction of slf4j-simple's time and prints in the command line's
 * voice.
 */
public final class StderrLogging implements SLF4JServiceProvider {
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private ILoggerFactory factory;

  /** Public for {@link java.util.ServiceLoader}. */
  public StderrLogging() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    boolean debug = "debug".equals(System.getProperty("lanyard.log"));
    Logger logger = new StderrLogger(debug);
    factory = name -> logger;
  }

  /** One logger for every name: the level is the same everywhere. */
  private static final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    /** How the core's token store starts its warning about a file it cannot use. */
    private static final String DAMAGED_TOKEN_FILE = "Ignoring token file";

    private final boolean debug;

    /** A command reads a file several times; one warning about it is enough. */
    private final java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StderrLogger(boolean debug) {
      this.name = "lanyard";
      this.debug = debug;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return debug;
    }

    @Override
    public boolean isInfoEnabled() {
      return debug;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
      if (!debug && pattern != null && pattern.startsWith(DAMAGED_TOKEN_FILE)) {
        return; // the commands report a damaged token file themselves, in their one line
      }
      String text = MessageFormatter.basicArrayFormat(pattern, args);
      if (!debug && !said.add(text)) {
        return;
      }
      String label =
          level == Level.WARN ? "warning" : level.toString().toLowerCase(java.util.Locale.ROOT);
      PrintStream err = System.err;
      err.println("lanyard: " + label + ": " + text);
      if (thrown != null && debug) {
        thrown.printStackTrace(err);
      }
    }
  }
}
