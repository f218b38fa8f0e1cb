/**
 * The loopback HTTP server a browser sign-in is redirected to: bound to 127.0.0.1 only, bounded in
 * connections, head size and time, one sign-in per server. Used by the browser logins of {@code
 * dev.lanyard.login}; not API.
 */
package dev.lanyard.internal.loopback;
