package dev.lanyard.cli;

/**
 * Ignoring Ctrl-C while a child process runs, so the child decides what it means and this process
 * exits with the child's code. Uses {@code sun.misc.Signal} (module jdk.unsupported) by reflection;
 * where that is missing, nothing is ignored.
 */
final class Signals {
  private Signals() {}

  /** Restores the previous handler when closed. */
  interface Ignored extends AutoCloseable {
    @Override
    void close();
  }

  static Ignored ignoreInterrupt() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object interrupt = signal.getConstructor(String.class).newInstance("INT");
      Object ignore = handler.getField("SIG_IGN").get(null);
      java.lang.reflect.Method handle = signal.getMethod("handle", signal, handler);
      Object previous = handle.invoke(null, interrupt, ignore);
      return () -> {
        try {
          handle.invoke(null, interrupt, previous);
        } catch (ReflectiveOperationException e) {
          // the handler stays ignored until the process exits, which is soon
        }
      };
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return () -> {};
    }
  }
}
