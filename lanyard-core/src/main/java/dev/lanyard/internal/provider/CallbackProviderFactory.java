package dev.lanyard.internal.provider;

import java.io.IOException;

/**
 * Makes a {@link CallbackProvider} from settings, so that a program that does not know the provider
 * (a command line, a config-driven service) can find it by name with {@link
 * java.util.ServiceLoader}. A provider module registers its factory in {@code
 * META-INF/services/dev.lanyard.internal.provider.CallbackProviderFactory} and, as a named module,
 * with {@code provides dev.lanyard.internal.provider.CallbackProviderFactory with ...}.
 *
 * <pre>{@code
 * CallbackProviderFactory factory = ServiceLoader.load(CallbackProviderFactory.class).stream()
 *     .map(ServiceLoader.Provider::get)
 *     .filter(f -> f.id().equals("labarchives"))
 *     .findFirst()
 *     .orElseThrow();
 * CallbackProvider provider = factory.create(ProviderContext.of(Map.of()));
 * }</pre>
 *
 * <p>The caller's module uses the service ({@code uses
 * dev.lanyard.internal.provider.CallbackProviderFactory;}), which is why Lanyard itself does not
 * look factories up.
 */
public interface CallbackProviderFactory {

  /** The {@linkplain CallbackProvider#id() id} of the providers this factory makes. */
  String id();

  /**
   * A provider configured from the context's settings, then its environment (and whatever files the
   * provider reads from its working directory); explicit settings win.
   *
   * @throws IllegalArgumentException for a setting the provider does not know, or a bad value
   * @throws IllegalStateException when a required setting is missing, naming where to set it
   * @throws IOException when a configuration file exists but cannot be read
   */
  CallbackProvider create(ProviderContext context) throws IOException;
}
