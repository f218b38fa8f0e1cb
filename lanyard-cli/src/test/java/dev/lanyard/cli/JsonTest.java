package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void write_sameAsNimbus() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("valid", true);
    inner.put("expires_at", null);
    inner.put("n", 42L);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", "quote\" back\\ nl\n cr\r tab\t \b \f \u0001 \u2028 é <>&= ü");
    m.put("int", 7);
    m.put("double", 1.5);
    m.put("list", List.of("a", "b"));
    m.put("mixed", Arrays.asList(1L, null, inner));
    m.put("empty", Map.of());
    m.put("inner", inner);
    assertThat(Json.write(m)).isEqualTo(JSONObjectUtils.toJSONString(m));
    assertThat(Json.parse(Json.write(m), "x").get("text")).isEqualTo(m.get("text"));
  }
}
