/**
 * What the token stores share: the version-1 JSON form of a token set, one codec for the token
 * file, the keychain entry and the Redis record. Used by {@code dev.lanyard.store}, and exported to
 * the keychain and Redis modules only; not API.
 */
package dev.lanyard.internal.store;
