package dev.lanyard.transport;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The hosts {@code NO_PROXY} exempts, with the rules curl and Go agree on: entries separated by
 * commas or spaces; {@code *} exempts every host; {@code example.org}, {@code .example.org} and
 * {@code *.example.org} exempt that domain and every name under it; an IP address exempts itself
 * and a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) every address in it; an entry with {@code
 * :port} applies to that port only. Names are compared without case and without a trailing dot; an
 * address is matched only against the literal host of the URL (no DNS look-up).
 */
final class NoProxy {
  static final NoProxy NONE = new NoProxy(List.of(), "");

  private final List<Rule> rules;
  private final String text;

  private NoProxy(List<Rule> rules, String text) {
    this.rules = rules;
    this.text = text;
  }

  /** The rules of a {@code NO_PROXY} value; entries that fit no rule are ignored. */
  static NoProxy parse(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String raw : value.split("[,\\s]+")) {
      Rule r = Rule.parse(raw.strip());
      if (r != null) {
        rules.add(r);
      }
    }
    return new NoProxy(List.copyOf(rules), value.strip());
  }

  /** The entry that exempts {@code host:port}, if one does. */
  Optional<String> match(String host, int port) {
    String h = normalize(host);
    byte[] address = literalAddress(h);
    for (Rule r : rules) {
      if (r.matches(h, address, port)) {
        return Optional.of(r.entry);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }

  private static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** The bytes of an IPv4 or IPv6 literal; null for a name (never a DNS look-up). */
  static byte @Nullable [] literalAddress(String host) {
    boolean v4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9a-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(host).getAddress(); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** One entry: a domain suffix, or an address block, and maybe a port. */
  private static final class Rule {
    final String entry;
    final @Nullable String domain; // null: everything (*) or an address rule
    final byte @Nullable [] network;
    final int prefix;
    final int port; // -1: any
    final boolean all;

    private Rule(
        String entry,
        @Nullable String domain,
        byte @Nullable [] network,
        int prefix,
        int port,
        boolean all) {
      this.entry = entry;
      this.domain = domain;
      this.network = network;
      this.prefix = prefix;
      this.port = port;
      this.all = all;
    }

    static @Nullable Rule parse(String entry) {
      if (entry.isEmpty()) {
        return null;
      }
      if (entry.equals("*")) {
        return new Rule(entry, null, null, 0, -1, true);
      }
      String e = entry.toLowerCase(Locale.ROOT);
      int port = -1;
      // host:port, [v6]:port; a bare IPv6 address has several colons and no port.
      int colon = e.lastIndexOf(':');
      if (e.startsWith("[")) {
        int close = e.indexOf(']');
        if (close < 0) {
          return null;
        }
        if (close + 1 < e.length()) {
          if (e.charAt(close + 1) != ':') {
            return null;
          }
          port = port(e.substring(close + 2));
          if (port < 0) {
            return null;
          }
        }
        e = e.substring(1, close);
      } else if (colon >= 0 && e.indexOf(':') == colon && e.indexOf('/') < 0) {
        port = port(e.substring(colon + 1));
        if (port < 0) {
          return null;
        }
        e = e.substring(0, colon);
      }
      int slash = e.indexOf('/');
      String addressPart = slash < 0 ? e : e.substring(0, slash);
      byte[] address = literalAddress(addressPart);
      if (address != null) {
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
          try {
            prefix = Integer.parseInt(e.substring(slash + 1));
          } catch (NumberFormatException x) {
            return null;
          }
          if (prefix < 0 || prefix > bits) {
            return null;
          }
        }
        return new Rule(entry, null, address, prefix, port, false);
      }
      if (slash >= 0) {
        return null;
      }
      String d = e.startsWith("*.") ? e.substring(2) : e.startsWith(".") ? e.substring(1) : e;
      d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
      return d.isEmpty() ? null : new Rule(entry, d, null, 0, port, false);
    }

    private static int port(String s) {
      try {
        int p = Integer.parseInt(s);
        return p > 0 && p <= 65535 ? p : -1;
      } catch (NumberFormatException x) {
        return -1;
      }
    }

    boolean matches(String host, byte @Nullable [] address, int targetPort) {
      if (all) {
        return true;
      }
      if (port != -1 && port != targetPort) {
        return false;
      }
      if (domain != null) {
        return host.equals(domain) || host.endsWith("." + domain);
      }
      if (address == null || network == null || address.length != network.length) {
        return false;
      }
      int bits = address.length * 8;
      BigInteger mask =
          BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }
}
