package dev.lanyard.redis;

/**
 * The Lua scripts that make each step of the exclusive section one atomic round trip. Every key a
 * script touches is in KEYS and shares the identity's hash tag, so they run on Redis Cluster too.
 */
final class Scripts {
  private Scripts() {}

  /**
   * Takes the lock if it is free: KEYS = lock, fence counter; ARGV = owner, lease ms, fence TTL ms.
   * Returns the new fencing number, or minus the milliseconds left on the holder's lease (at most
   * -1) when someone else holds the lock. The lock's value is {@code owner:fence}.
   */
  static final String ACQUIRE =
      """
      local ttl = redis.call('pttl', KEYS[1])
      if ttl ~= -2 then return -math.max(ttl, 1) end
      local f = redis.call('incr', KEYS[2])
      redis.call('pexpire', KEYS[2], ARGV[3])
      redis.call('set', KEYS[1], ARGV[1] .. ':' .. f, 'NX', 'PX', ARGV[2])
      return f
      """;

  /** Extends the lease if still held: KEYS = lock; ARGV = lock value, lease ms. 1 or 0. */
  static final String RENEW =
      """
      if redis.call('get', KEYS[1]) == ARGV[1] then
        return redis.call('pexpire', KEYS[1], ARGV[2])
      end
      return 0
      """;

  /**
   * Compare-and-delete, then wakes the waiters: KEYS = lock; ARGV = {@code owner:} (the lock
   * value's start, so an owner whose acquire answer was lost can release without its fence),
   * channel. 1 when this owner still held it.
   */
  static final String RELEASE =
      """
      local v = redis.call('get', KEYS[1])
      if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then
        redis.call('del', KEYS[1])
        redis.call('publish', ARGV[2], 'released')
        return 1
      end
      return 0
      """;

  /**
   * Writes the record only while the lease is held and no newer fence wrote: KEYS = lock, record;
   * ARGV = lock value, fence, record, TTL ms. 1 written, 0 lease lost, -1 a newer fence wrote.
   */
  static final String WRITE =
      """
      if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
      local f = tonumber(redis.call('hget', KEYS[2], 'fence') or '0')
      if f > tonumber(ARGV[2]) then return -1 end
      redis.call('hset', KEYS[2], 'fence', ARGV[2], 'record', ARGV[3])
      redis.call('pexpire', KEYS[2], ARGV[4])
      return 1
      """;

  /** Deletes the record under the same checks as {@link #WRITE}: KEYS = lock, record. */
  static final String CLEAR =
      """
      if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
      local f = tonumber(redis.call('hget', KEYS[2], 'fence') or '0')
      if f > tonumber(ARGV[2]) then return -1 end
      redis.call('del', KEYS[2])
      return 1
      """;
}
