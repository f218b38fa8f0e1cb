/**
 * A {@link dev.lanyard.store.TokenStore} on Redis for fleets of processes on many machines: one
 * sign-in and one refresh per expiry for the whole fleet, never a rotated-out refresh token,
 * optionally encrypted at rest. Start at {@link dev.lanyard.redis.RedisStore}.
 */
@NullMarked
package dev.lanyard.redis;

import org.jspecify.annotations.NullMarked;
