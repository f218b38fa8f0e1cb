package dev.lanyard.labarchives;

import dev.lanyard.login.provider.CallbackProvider;
import dev.lanyard.login.provider.CallbackProviderFactory;
import dev.lanyard.login.provider.ProviderContext;
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
 * <pre>{@code
 * CallbackProvider la = new LabArchivesProviderFactory()
 *     .create(ProviderContext.of(Map.of("API_URL", "https://auapi.labarchives.com")));
 * }</pre>
 */
public final class LabArchivesProviderFactory implements CallbackProviderFactory {

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
        case Configuration.API_URL -> b.apiUrl(URI.create(e.getValue()));
        case Configuration.ACCESS_KEYID -> b.accessKeyId(e.getValue());
        case Configuration.ACCESS_PWD -> b.accessPassword(e.getValue());
        default ->
            throw new IllegalArgumentException(
                "unknown labarchives setting '"
                    + e.getKey()
                    + "'; the settings are API_URL, ACCESS_KEYID and ACCESS_PWD");
      }
    }
    return b.build().provider();
  }
}
