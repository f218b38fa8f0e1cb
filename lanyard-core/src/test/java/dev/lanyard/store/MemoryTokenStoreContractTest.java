package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The store contract for {@link TokenStore#memory()}. */
class MemoryTokenStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return TokenStore.memory();
  }

  @Test
  void describe_memory() {
    assertThat(newStore().describe()).isEqualTo("memory");
  }
}
