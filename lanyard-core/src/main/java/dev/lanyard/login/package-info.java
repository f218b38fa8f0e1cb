/**
 * Interactive sign-in: a browser on a loopback callback (authorization code + PKCE), a device code
 * for machines without a browser (RFC 8628), and web login where the application owns the callback.
 */
package dev.lanyard.login;
