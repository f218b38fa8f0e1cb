/**
 * The plug-in point for services that sign people in through a browser callback that is not OAuth
 * (LabArchives, for one), and that authenticate API requests other than with a bearer token.
 *
 * <ul>
 *   <li>{@link dev.lanyard.login.provider.CallbackProvider}: what a provider implements: the login
 *       URL for a callback URL, what a callback's parameters mean, how they become {@link
 *       dev.lanyard.login.provider.Credentials}, how requests are authenticated, and who is signed
 *       in.
 *   <li>{@link dev.lanyard.login.ProviderBrowserLogin} and {@link
 *       dev.lanyard.login.ProviderWebLogin} run a provider with Lanyard's loopback callback server,
 *       browser opener and web login.
 *   <li>{@link dev.lanyard.login.provider.CredentialStore} keeps the credentials, 0600 on disk as
 *       the token files are.
 *   <li>{@link dev.lanyard.login.provider.CallbackProviderFactory} lets a program that does not
 *       know the provider find it by name through {@link java.util.ServiceLoader}.
 * </ul>
 *
 * <p>Nothing here is OAuth-specific, and nothing needs more than the JDK.
 */
package dev.lanyard.login.provider;
