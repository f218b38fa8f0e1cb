package dev.lanyard.labarchives.plugin;

import dev.lanyard.internal.provider.CallbackProvider;
import dev.lanyard.internal.provider.CallbackProviderFactory;
import dev.lanyard.internal.provider.ProviderContext;
import dev.lanyard.labarchives.LabArchives;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Finds LabArchives for programs that look providers up by name through {@link
 * java.util.ServiceLoader}, such as Lanyard's command line: id {@code labarchives}, settings {@code
 * API_URL}, {@code ACCESS_KEYID} and {@code ACCESS_PWD} (any case, {@code -} for {@code _}), which
 * win over the context's environment. No {@code .env} file is read here: the host program puts in
 * the context's environment what it trusts.
 *
 * <p>Not API: the module registers it as a service without exporting its package.
 *
 * <pre>{@code
 * CallbackProvider la = new LabArchivesProviderFactory()
 *     .create(ProviderContext.of(Map.of("API_URL", "https://auapi.labarchives.com")));
 * }</pre>
 */
public final class LabArchivesProviderFactory implements CallbackProviderFactory {
  private static final String API_URL = "API_URL";
  private static final String ACCESS_KEYID = "ACCESS_KEYID";
  private static final String ACCESS_PWD = "ACCESS_PWD";

  /** For {@link java.util.ServiceLoader}. */
  public LabArchivesProviderFactory() {}

  @Override
  public String id() {
    return LabArchivesProvider.ID;
  }

  @Override
  public CallbackProvider create(ProviderContext context) throws IOException {
    LabArchives.Builder b =
        LabArchives.builder()
            .environment(context.environment())
            // the host program decided which variables (and .env secrets) the context holds
            .noDotEnv()
            .transport(context.transport())
            .clock(context.clock());
    for (Map.Entry<String, String> e : context.settings().entrySet()) {
      String name = e.getKey().toUpperCase(Locale.ROOT).replace('-', '_');
      switch (name) {
        case API_URL -> b.apiUrl(URI.create(e.getValue()));
        case ACCESS_KEYID -> b.accessKeyId(e.getValue());
        case ACCESS_PWD -> b.accessPassword(e.getValue());
        default ->
            throw new IllegalArgumentException(
                "unknown labarchives setting '"
                    + e.getKey()
                    + "'; the settings are API_URL, ACCESS_KEYID and ACCESS_PWD");
      }
    }
    return new LabArchivesProvider(b.build());
  }
}
