/**
 * Web apps launched from a portal: the URL token that says who launched the app and for what, and
 * the pair of identities such an app works with.
 *
 * <ul>
 *   <li>{@link dev.lanyard.launch.LaunchTokenVerifier} checks a URL token against the provider's
 *       JWKS ({@code exp} required) and gives a {@link dev.lanyard.launch.LaunchToken}: typed
 *       context claims, raw claims, and the user's session.
 *   <li>{@link dev.lanyard.launch.DualIdentity} pairs that user session with the app's own service
 *       session.
 * </ul>
 *
 * <p>To call an API that wants a token of its own audience, exchange the user's token with {@link
 * dev.lanyard.grant.Grant#tokenExchange(String)} from the app's confidential client.
 */
package dev.lanyard.launch;
