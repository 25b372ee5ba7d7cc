package org.vigil.crawler.internal;

import java.util.Locale;

/**
 * One {@code scope.hosts} entry: a host name (which admits its subdomains too) or an IP literal,
 * optionally with a port ({@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code example.org:8443}),
 * which then admits that port only. Without a port every port is admitted.
 *
 * @param host lower-case host (an IPv6 literal in brackets)
 * @param port the port admitted, or -1 for any
 */
public record ScopeHost(String host, int port) {

  /**
   * Parses an entry.
   *
   * @throws IllegalArgumentException with a message naming the problem (for {@code sources
   *     validate})
   */
  public static ScopeHost parse(String entry) {
    String e = entry.strip().toLowerCase(Locale.ROOT);
    String host = e;
    String port = null;
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + entry + "' has no closing ']'");
      }
      host = e.substring(0, close + 1);
      String rest = e.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + entry + "' is not [ipv6] or [ipv6]:port");
        }
        port = rest.substring(1);
      }
    } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
      host = e.substring(0, e.indexOf(':'));
      port = e.substring(e.indexOf(':') + 1);
    } else if (e.indexOf(':') >= 0) {
      host = "[" + e + "]"; // a bare IPv6 literal, as URLs write it
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new IllegalArgumentException("'" + entry + "' has no host");
    }
    int p = -1;
    if (port != null) {
      if (!port.matches("[0-9]{1,5}")
          || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException(
            "'" + entry + "': port '" + port + "' is not a number in [1, 65535]");
      }
      p = Integer.parseInt(port);
    }
    return new ScopeHost(host, p);
  }

  /** Whether a URL's lower-case {@code urlHost} and effective {@code urlPort} are admitted. */
  public boolean admits(String urlHost, int urlPort) {
    return (port < 0 || port == urlPort) && (urlHost.equals(host) || urlHost.endsWith("." + host));
  }

  /** The host as the SSRF guard and DNS resolver see it (no brackets, no port). */
  public String guardHost() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }
}
