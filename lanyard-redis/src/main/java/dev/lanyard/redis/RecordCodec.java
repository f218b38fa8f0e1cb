package dev.lanyard.redis;

import dev.lanyard.TokenSet;
import dev.lanyard.internal.store.TokenSetJson;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record value: the token JSON in clear, or sealed with AES-256-GCM under the current key and
 * bound to the record's key name (so a sealed value copied to another identity does not open).
 */
final class RecordCodec {
  private static final Logger LOG = LoggerFactory.getLogger(RecordCodec.class);

  private RecordCodec() {}

  static String encode(TokenSet tokens, @Nullable StoreKeys keys, String dataKey) {
    String json = TokenSetJson.write(tokens); // the token file's form: a record moves unchanged
    return keys == null ? json : keys.seal(json, dataKey);
  }

  /**
   * The tokens of a record; empty when there is none, or when it cannot be read (with a warning
   * that shows no value). With keys configured, a record in clear is not trusted: anyone who can
   * write to Redis could have put it there.
   *
   * @throws StoreKeyException when the record is sealed with a key that is not configured or does
   *     not open it
   */
  static Optional<TokenSet> decode(
      @Nullable String record, @Nullable StoreKeys keys, String dataKey) throws StoreKeyException {
    if (record == null) {
      return Optional.empty();
    }
    String json;
    if (StoreKeys.isSealed(record)) {
      String id = StoreKeys.keyIdOf(record);
      if (keys == null) {
        throw new StoreKeyException(
            "the stored tokens in "
                + dataKey
                + " are encrypted with key "
                + id
                + ", but no store key is configured",
            id);
      }
      try {
        json = keys.open(record, dataKey);
      } catch (IllegalArgumentException e) {
        return unreadable(dataKey, "it is not a valid encrypted record");
      }
    } else if (keys != null) {
      return unreadable(dataKey, "it is stored in clear but encryption is configured");
    } else {
      json = record;
    }
    try {
      return Optional.of(TokenSetJson.read(json));
    } catch (TokenSetJson.Invalid e) {
      return unreadable(dataKey, "it is not a valid token record (" + e.getMessage() + ")");
    }
  }

  private static Optional<TokenSet> unreadable(String dataKey, String why) {
    LOG.warn(
        "Ignoring the tokens in Redis key {}: {}; a new sign-in will replace them", dataKey, why);
    return Optional.empty();
  }
}
