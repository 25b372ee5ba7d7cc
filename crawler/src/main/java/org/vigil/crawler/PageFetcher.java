package org.vigil.crawler;

import java.io.IOException;
import java.util.Objects;
import org.vigil.crawler.internal.SingleFetch;
import org.vigil.model.CrawledPage;

/** Fetches and extracts one page outside any crawl, e.g. for {@code vigil classify --url}. */
public final class PageFetcher {
  private PageFetcher() {}

  /**
   * Fetches {@code url} with the crawler's limits, content-type allowlist and SSRF guard
   * (robots.txt is not consulted: this is a single, operator-requested fetch), and extracts it.
   *
   * @param url an http(s) URL
   * @param userAgent the User-Agent header, or {@code null} for {@link
   *     SourcesConfig#DEFAULT_USER_AGENT}
   * @param allowPrivateNetworks whether loopback/private/link-local targets may be fetched
   * @return the page, with source id {@code adhoc} and depth 0
   * @throws IOException with a one-line message naming the URL when it cannot be fetched (network
   *     error, HTTP error status, blocked address, unsupported content type, too many redirects)
   */
  public static CrawledPage fetchOne(String url, String userAgent, boolean allowPrivateNetworks)
      throws IOException {
    Objects.requireNonNull(url, "url");
    return SingleFetch.fetch(
        url,
        userAgent == null || userAgent.isBlank() ? SourcesConfig.DEFAULT_USER_AGENT : userAgent,
        allowPrivateNetworks);
  }
}
