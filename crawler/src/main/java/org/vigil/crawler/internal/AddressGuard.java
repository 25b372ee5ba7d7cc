package org.vigil.crawler.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Decides which addresses a crawler must never connect to: loopback, private, link-local (incl.
 * cloud metadata 169.254.169.254), carrier-grade NAT, unique-local IPv6 (fc00::/7), multicast,
 * unspecified and reserved ranges, and IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64,
 * 6to4) that fall into those.
 */
public final class AddressGuard {
  private AddressGuard() {}

  /** Whether {@code address} is not a public unicast address. */
  public static boolean isForbidden(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isForbiddenV4(b);
    }
    if (address instanceof Inet6Address) {
      return isForbiddenV6(b);
    }
    return true;
  }

  private static boolean isForbiddenV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    return a0 == 0 // "this" network
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64.0.0/10 CGNAT (incl. Alibaba metadata)
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0.0/24 IETF protocol assignments
        || (a0 == 192 && a1 == 0 && a2 == 2) // TEST-NET-1
        || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18.0.0/15 benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
        || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
        || a0 >= 224; // multicast, reserved, broadcast
  }

  private static boolean isForbiddenV6(byte[] b) {
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
      return true;
    }
    if (first == 0xfe && (b[1] & 0xc0) == 0x80) { // fe80::/10 link local
      return true;
    }
    if (first == 0xfe && (b[1] & 0xc0) == 0xc0) { // fec0::/10 site local (deprecated)
      return true;
    }
    if (first == 0xff) {
      return true;
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix
        && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
      // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped); :: and ::1 are caught above
      return isForbiddenV4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      return isForbiddenV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return isForbiddenV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
      return true; // 2001:db8::/32 documentation
    }
    return false;
  }

  /**
   * The address of an IP-literal host ({@code 10.0.0.1}, {@code [::1]}), or {@code null} when
   * {@code host} is a name. Never performs a DNS lookup.
   */
  public static InetAddress literal(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    // Plain loops, not String.matches: this runs for every newly discovered link.
    boolean v4 = isDottedQuadShape(h);
    boolean v6 = h.indexOf(':') >= 0 && isV6Shape(h);
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(h); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Only digits and dots, with exactly three dots. */
  private static boolean isDottedQuadShape(String h) {
    int dots = 0;
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }

  /** Only ASCII letters, digits, ':', '.' and '%' (a zone id may follow '%'). */
  private static boolean isV6Shape(String h) {
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == ':'
              || c == '.'
              || c == '%';
      if (!ok) {
        return false;
      }
    }
    return !h.isEmpty();
  }
}
