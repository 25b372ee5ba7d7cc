package org.vigil.crawler.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The DNS resolver HttpClient connects through. It checks the resolved addresses themselves, so the
 * address that was checked is the address connected to (no time-of-check/time-of-use gap, no DNS
 * rebinding). Hosts named explicitly in the source's scope are exempt; {@code
 * allow_private_networks} switches the guard off.
 */
public final class GuardedDnsResolver implements DnsResolver {
  private final Map<String, InetAddress> overrides;
  private final Set<String> exemptHosts;
  private final boolean allowPrivate;

  /**
   * @param overrides fixed host-to-address mappings used instead of DNS (lower-case host names)
   * @param exemptHosts lower-case hosts that may resolve to private addresses
   * @param allowPrivate whether the guard is off
   */
  public GuardedDnsResolver(
      Map<String, InetAddress> overrides, Set<String> exemptHosts, boolean allowPrivate) {
    this.overrides = Map.copyOf(overrides);
    this.exemptHosts = Set.copyOf(exemptHosts);
    this.allowPrivate = allowPrivate;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String key = host.toLowerCase(Locale.ROOT);
    InetAddress fixed = overrides.get(key);
    InetAddress[] addresses =
        fixed != null ? new InetAddress[] {fixed} : InetAddress.getAllByName(host);
    if (!allowPrivate && !isExempt(key)) {
      for (InetAddress address : addresses) {
        if (AddressGuard.isForbidden(address)) {
          // One private answer is enough to refuse: mixed answers are a rebinding trick.
          throw new BlockedAddressException(host, address);
        }
      }
    }
    return addresses;
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    List<InetSocketAddress> result = new ArrayList<>();
    for (InetAddress address : resolve(host)) {
      result.add(new InetSocketAddress(address, port));
    }
    return result;
  }

  @Override
  public String resolveCanonicalHostname(String host) {
    return host;
  }

  /**
   * Checks a host before any request: an IP literal is judged right away (HttpClient may connect to
   * a literal without asking this resolver); names are judged at connect time.
   *
   * @throws BlockedAddressException when {@code host} is a forbidden literal
   */
  public void checkLiteral(String host) throws BlockedAddressException {
    InetAddress literal = AddressGuard.literal(host);
    String key = host.toLowerCase(Locale.ROOT);
    if (literal != null && !allowPrivate && !isExempt(key) && AddressGuard.isForbidden(literal)) {
      throw new BlockedAddressException(host, literal);
    }
  }

  private boolean isExempt(String host) {
    if (exemptHosts.contains(host)) {
      return true;
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return exemptHosts.contains(bare) || exemptHosts.contains("[" + bare + "]");
  }
}
