package dev.lanyard.example.webapp;

import dev.lanyard.redis.StoreKeys;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the example from the command line. Every setting comes from an argument or, failing that,
 * an environment variable:
 *
 * <pre>
 * --issuer=URL          LANYARD_ISSUER         the provider (required)
 * --client-id=ID        LANYARD_CLIENT_ID      default cli
 * --client-secret=S     LANYARD_CLIENT_SECRET  only for a confidential client; prefer the variable
 * --port=N              LANYARD_PORT           default 8080; 0 picks a free port
 * --store=URI           LANYARD_STORE          redis://… : sign-ins in Redis, shared by instances
 * --public-url=URL      LANYARD_PUBLIC_URL     the address browsers use (a load balancer's)
 * </pre>
 *
 * <p>With {@code --store}, what is kept in Redis is encrypted with the keys in {@code
 * LANYARD_STORE_KEY} (never an argument), as for the command line.
 */
final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = settings(args, System.getenv(), System.err);
    if (settings == null) {
      System.exit(2);
      return;
    }
    ExampleWebApp.Builder b =
        ExampleWebApp.builder()
            .issuer(URI.create(settings.get("issuer")))
            .clientId(settings.getOrDefault("client-id", "cli"))
            .port(Integer.parseInt(settings.getOrDefault("port", "8080")));
    if (settings.containsKey("client-secret")) {
      b.clientSecret(settings.get("client-secret"));
    }
    if (settings.containsKey("store")) {
      b.redis(settings.get("store"));
      String key = System.getenv("LANYARD_STORE_KEY");
      if (key != null && !key.isBlank()) {
        b.storeKeys(StoreKeys.parse(key));
      }
    }
    if (settings.containsKey("public-url")) {
      b.publicUri(URI.create(settings.get("public-url")));
    }
    ExampleWebApp app = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "example-webapp-stop"));
    System.out.println("Lanyard example web app: open " + app.baseUri() + "/ (Ctrl-C stops it)");
    app.awaitStop();
  }

  /** The settings from arguments over environment; null (after a message) when unusable. */
  static Map<String, String> settings(String[] args, Map<String, String> env, PrintStream err) {
    Map<String, String> s = new LinkedHashMap<>();
    fromEnv(s, env, "issuer", "LANYARD_ISSUER");
    fromEnv(s, env, "client-id", "LANYARD_CLIENT_ID");
    fromEnv(s, env, "client-secret", "LANYARD_CLIENT_SECRET");
    fromEnv(s, env, "port", "LANYARD_PORT");
    fromEnv(s, env, "store", "LANYARD_STORE");
    fromEnv(s, env, "public-url", "LANYARD_PUBLIC_URL");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        err.println(
            "unexpected argument " + arg + "; usage: --issuer=URL [--client-id=ID] [--port=N]");
        return null;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        err.println("--" + name + " needs a value");
        return null;
      }
      if (!Map.of(
              "issuer",
              1,
              "client-id",
              1,
              "client-secret",
              1,
              "port",
              1,
              "store",
              1,
              "public-url",
              1)
          .containsKey(name)) {
        err.println("unknown option --" + name);
        return null;
      }
      if (name.equals("client-secret")) {
        err.println(
            "warning: a secret on the command line is visible to other users of this"
                + " machine; prefer LANYARD_CLIENT_SECRET");
      }
      s.put(name, value);
    }
    if (!s.containsKey("issuer")) {
      err.println(
          "the issuer is required: --issuer=URL or LANYARD_ISSUER,"
              + " e.g. http://127.0.0.1:8180/realms/lab");
      return null;
    }
    try {
      Integer.parseInt(s.getOrDefault("port", "8080"));
    } catch (NumberFormatException e) {
      err.println("--port must be a number, was " + s.get("port"));
      return null;
    }
    return s;
  }

  private static void fromEnv(
      Map<String, String> s, Map<String, String> env, String name, String var) {
    String value = env.get(var);
    if (value != null && !value.isBlank()) {
      s.put(name, value);
    }
  }
}
