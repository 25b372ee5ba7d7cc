package org.vigil.crawler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.0.0.2",
        "10.0.0.1",
        "172.16.5.4",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.100.100.200",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "198.18.0.1",
        "::1",
        "::",
        "fc00::1",
        "fd00:ec2::254",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:10.1.2.3",
        "64:ff9b::a9fe:a9fe",
        "2002:c0a8:0101::1",
        "ff02::1"
      })
  void forbidden(String address) throws Exception {
    assertThat(AddressGuard.isForbidden(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "172.32.0.1",
        "100.128.0.1",
        "2606:4700::1111",
        "::ffff:8.8.8.8"
      })
  void allowed(String address) throws Exception {
    assertThat(AddressGuard.isForbidden(InetAddress.getByName(address))).isFalse();
  }

  @Test
  void literalsAreRecognisedWithoutDns() {
    assertThat(AddressGuard.literal("10.0.0.1")).isNotNull();
    assertThat(AddressGuard.literal("[::1]")).isNotNull();
    assertThat(AddressGuard.literal("example.org")).isNull();
    assertThat(AddressGuard.literal("1.2.3")).isNull();
  }

  @Test
  void resolverRefusesPrivateAnswersUnlessExemptOrDisabled() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Map<String, InetAddress> hosts = Map.of("evil.test", loopback, "ok.test", loopback);
    GuardedDnsResolver guard = new GuardedDnsResolver(hosts, Set.of("ok.test"), false);
    assertThatThrownBy(() -> guard.resolve("evil.test", 80))
        .isInstanceOf(BlockedAddressException.class)
        .hasMessage("evil.test resolves to non-public address 127.0.0.1");
    assertThat(guard.resolve("ok.test")).containsExactly(loopback);
    assertThatThrownBy(() -> guard.checkLiteral("169.254.169.254"))
        .isInstanceOf(BlockedAddressException.class);
    GuardedDnsResolver off = new GuardedDnsResolver(hosts, Set.of(), true);
    assertThat(off.resolve("evil.test")).containsExactly(loopback);
    off.checkLiteral("10.0.0.1");
  }

  /** The literal test without regexes accepts and refuses what the earlier regexes did. */
  @Test
  void literalShapesAreThoseOfTheEarlierRegexes() throws Exception {
    String[] hosts = {
      // (no dotted quads that are not addresses: InetAddress would look those up in DNS)
      "10.0.0.1",
      "127.0.0.1",
      "1.2.3",
      "1.2.3.4.5",
      "a.b.c.d",
      "1.2.3.4a",
      "",
      "example.org",
      "localhost",
      "::1",
      "[::1]",
      "[fe80::1%eth0]",
      "fe80::1%25eth0",
      "::ffff:10.0.0.1",
      "[2001:db8::1]",
      "a:b",
      "::",
      "[::1",
      "::1]",
      "1:2:3:4:5:6:7:8",
      "g::1",
      "\u0661.2.3.4",
      "1.2.3.\u0664",
      "::\u00e9",
      "12345",
      "-1.2.3.4",
      "[]",
      "[10.0.0.1]",
      "xn--bcher-kva.example",
      "host_name:80"
    };
    for (String host : hosts) {
      assertThat(AddressGuard.literal(host)).as(host).isEqualTo(literalByRegex(host));
    }
  }

  /** {@link AddressGuard#literal} as it was before 2026-12-05. */
  private static java.net.InetAddress literalByRegex(String host) throws Exception {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = h.matches("[0-9.]+") && h.chars().filter(c -> c == '.').count() == 3;
    boolean v6 = h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:.%a-zA-Z]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return java.net.InetAddress.getByName(h);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}
