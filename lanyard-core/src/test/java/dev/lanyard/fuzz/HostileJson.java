package dev.lanyard.fuzz;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What a hostile provider may send: JSON objects with the members a parser looks for, each of any
 * type and content (control characters, huge numbers, nesting), and arbitrary text that is not JSON
 * at all.
 */
public final class HostileJson {
  private HostileJson() {}

  /** Any text: every character, control and escape characters included, up to 300 long. */
  public static Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(300);
  }

  /** A JSON value of any type. */
  public static Arbitrary<Object> value() {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            anyText().map(s -> (Object) s),
            Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(40)
                .map(s -> s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.of(0L, -1L, 300L, Long.MAX_VALUE, Long.MIN_VALUE).map(l -> (Object) l),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just("Bearer").map(s -> (Object) s),
            Arbitraries.of("https://idp.example/x", "http://127.0.0.1:1/t", "not a uri", "")
                .map(s -> (Object) s));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, scalar),
        net.jqwik.api.Tuple.of(1, scalar.list().ofMaxSize(4).map(l -> (Object) l)),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(anyText(), scalar)
                .as((k, v) -> (Object) Map.of(k.isEmpty() ? "k" : k, v))));
  }

  /** A JSON object with some of {@code members}, each with any value, as text. */
  public static Arbitrary<String> objectWith(List<String> members) {
    return Arbitraries.subsetOf(members)
        .flatMap(
            names ->
                value()
                    .list()
                    .ofSize(names.size())
                    .map(
                        values -> {
                          Map<String, Object> o = new LinkedHashMap<>();
                          int i = 0;
                          for (String n : names) {
                            o.put(n, values.get(i++));
                          }
                          return JSONObjectUtils.toJSONString(o);
                        }));
  }

  /** Either an object with some of {@code members}, or text that is not JSON, or cut JSON. */
  public static Arbitrary<String> body(List<String> members) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, objectWith(members)),
        net.jqwik.api.Tuple.of(1, anyText()),
        net.jqwik.api.Tuple.of(
            1,
            objectWith(members)
                .flatMap(
                    json ->
                        Arbitraries.integers()
                            .between(0, json.length())
                            .map(cut -> json.substring(0, cut)))));
  }
}
