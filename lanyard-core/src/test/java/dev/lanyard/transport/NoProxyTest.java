package dev.lanyard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoProxyTest {
  @Test
  void domain_matchesItselfAndSubdomains_notLookalikes() {
    NoProxy n = NoProxy.parse("example.org");
    assertThat(n.match("example.org", 443)).contains("example.org");
    assertThat(n.match("id.example.org", 443)).contains("example.org");
    assertThat(n.match("ID.Example.ORG.", 443)).contains("example.org");
    assertThat(n.match("badexample.org", 443)).isEmpty();
    assertThat(n.match("example.org.evil", 443)).isEmpty();
  }

  @Test
  void leadingDotAndStar_sameAsDomain() {
    assertThat(NoProxy.parse(".example.org").match("a.example.org", 80)).isPresent();
    assertThat(NoProxy.parse(".example.org").match("example.org", 80)).isPresent();
    assertThat(NoProxy.parse("*.example.org").match("a.b.example.org", 80)).isPresent();
    assertThat(NoProxy.parse("*.example.org").match("xexample.org", 80)).isEmpty();
  }

  @Test
  void star_matchesEverything() {
    assertThat(NoProxy.parse("*").match("anything.invalid", 1)).contains("*");
  }

  @Test
  void cidr_ipv4AndIpv6_onLiteralHostsOnly() {
    NoProxy n = NoProxy.parse("10.0.0.0/8, 192.168.1.7 fd00::/8");
    assertThat(n.match("10.200.3.4", 443)).contains("10.0.0.0/8");
    assertThat(n.match("11.0.0.1", 443)).isEmpty();
    assertThat(n.match("192.168.1.7", 443)).contains("192.168.1.7");
    assertThat(n.match("192.168.1.8", 443)).isEmpty();
    assertThat(n.match("[fd12::1]", 443)).contains("fd00::/8");
    assertThat(n.match("fe80::1", 443)).isEmpty();
    // A name is never resolved to be compared with a block.
    assertThat(n.match("localhost", 443)).isEmpty();
  }

  @Test
  void port_restrictsTheEntry() {
    NoProxy n = NoProxy.parse("example.org:8443,127.0.0.1:9000,[::1]:7000");
    assertThat(n.match("example.org", 8443)).contains("example.org:8443");
    assertThat(n.match("example.org", 443)).isEmpty();
    assertThat(n.match("127.0.0.1", 9000)).isPresent();
    assertThat(n.match("127.0.0.1", 9001)).isEmpty();
    assertThat(n.match("::1", 7000)).isPresent();
    assertThat(n.match("::1", 7001)).isEmpty();
  }

  @Test
  void garbageEntries_ignored_othersKept() {
    NoProxy n = NoProxy.parse(",, 10.0.0.0/99 host:notaport [::1 example.org");
    assertThat(n.match("10.1.1.1", 80)).isEmpty();
    assertThat(n.match("host", 80)).isEmpty();
    assertThat(n.match("www.example.org", 80)).isPresent();
    assertThat(NoProxy.parse(null).match("x", 1)).isEmpty();
    assertThat(NoProxy.parse("  ").match("x", 1)).isEmpty();
  }
}
