package org.vigil.crawler.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard refused a host because it resolves to a private address. An {@link
 * UnknownHostException} so that HttpClient propagates it from its connect path unchanged.
 */
public final class BlockedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /** The host was refused because of {@code address}. */
  public BlockedAddressException(String host, InetAddress address) {
    super(host + " resolves to non-public address " + address.getHostAddress());
  }
}
