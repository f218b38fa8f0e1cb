/**
 * The plug-in point for services that sign people in through a browser callback that is not OAuth
 * (LabArchives, for one), and that authenticate API requests other than with a bearer token.
 * Internal: exported only to {@code dev.lanyard.labarchives} and {@code dev.lanyard.cli} until a
 * second plug-in proves the SPI (docs/decisions/0012); a plug-in module gives its users its own
 * public entry points.
 *
 * <ul>
 *   <li>{@link dev.lanyard.internal.provider.CallbackProvider}: what a provider implements: the
 *       login URL for a callback URL, what a callback's parameters mean, how they become {@link
 *       dev.lanyard.internal.provider.Credentials}, how requests are authenticated, and who is
 *       signed in.
 *   <li>{@link dev.lanyard.internal.provider.ProviderBrowserLogin} and {@link
 *       dev.lanyard.internal.provider.ProviderWebLogin} run a provider with Lanyard's loopback
 *       callback server, browser opener and web login; a {@link
 *       dev.lanyard.internal.provider.Redeemer} lets a plug-in end them in its own result.
 *   <li>{@link dev.lanyard.internal.provider.CredentialStore} keeps the credentials, 0600 on disk
 *       as the token files are.
 *   <li>{@link dev.lanyard.internal.provider.CallbackProviderFactory} lets a program that does not
 *       know the provider find it by name through {@link java.util.ServiceLoader}.
 * </ul>
 *
 * <p>This package sits above {@code login} and {@code http}, whose types it uses; nothing else in
 * the core uses it.
 */
package dev.lanyard.internal.provider;
