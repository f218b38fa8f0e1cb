/**
 * The OAuth mechanics of the interactive logins: authorization URLs and responses, PKCE, random
 * protocol values, the device authorization request and polling (RFC 8628). Used by {@code
 * dev.lanyard.login}; not API.
 */
package dev.lanyard.internal.oauth;
