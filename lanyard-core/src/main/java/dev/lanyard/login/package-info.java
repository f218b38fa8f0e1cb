/**
 * Interactive sign-in: a browser on a loopback callback (authorization code + PKCE), a device code
 * for machines without a browser (RFC 8628), and web login where the application owns the callback.
 *
 * <ul>
 *   <li>{@link dev.lanyard.login.InteractiveSession}: a person's session in one object: signs in
 *       (browser, or a device code where none opens), keeps the tokens valid, asks again when only
 *       the person can renew them.
 *   <li>{@link dev.lanyard.login.BrowserLogin}: a person at this machine; {@code login()}, or
 *       {@code start()} and {@code await()} in a notebook or REPL.
 *   <li>{@link dev.lanyard.login.DeviceLogin}: a person with a browser somewhere else (ssh, HPC).
 *   <li>{@link dev.lanyard.login.WebLogin}: a web application with its own callback URL and a
 *       {@link dev.lanyard.login.PendingLoginStore}.
 * </ul>
 *
 * <p>Services whose callback is not OAuth (LabArchives) plug into the same machinery through an
 * internal provider SPI, which their own modules wrap in public entry points; those browser logins
 * take the same {@link dev.lanyard.login.LoopbackOptions} (port, callback path, timeout, launcher,
 * printer), and those web logins the same {@link dev.lanyard.login.PendingLoginStore}, which also
 * says how long a started sign-in stays good. The loopback server itself and the OAuth mechanics
 * live in internal packages.
 *
 * <p>All three end in a {@link dev.lanyard.login.LoginResult}: the tokens, and the identity from
 * the verified ID token. Every authorization request carries a fresh {@code state}, {@code nonce}
 * and PKCE S256 challenge, which callers cannot turn off or override. When someone other than the
 * expected person signs in, the login throws {@link dev.lanyard.IdentityMismatchException} and
 * returns no tokens, so nothing gets stored.
 */
package dev.lanyard.login;
