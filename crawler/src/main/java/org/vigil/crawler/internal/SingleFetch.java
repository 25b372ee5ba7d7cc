package org.vigil.crawler.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.crawler.CrawlLimits;
import org.vigil.crawler.extract.Extractor;
import org.vigil.model.CrawledPage;
import org.vigil.model.ExtractedContent;
import org.vigil.model.Scope;

/** One guarded fetch and extraction outside a crawl ({@link org.vigil.crawler.PageFetcher}). */
public final class SingleFetch {
  private SingleFetch() {}

  public static CrawledPage fetch(String url, String userAgent, boolean allowPrivateNetworks)
      throws IOException {
    CrawlLimits limits = CrawlLimits.defaults();
    UrlRules rules = new UrlRules(new Scope(List.of(), List.of(), List.of()), List.of(url), limits);
    String normalized = rules.normalize(url);
    if (normalized == null) {
      throw new IOException(url + ": not an http(s) URL");
    }
    GuardedDnsResolver resolver = new GuardedDnsResolver(Map.of(), Set.of(), allowPrivateNetworks);
    try (HttpFetcher fetcher = new HttpFetcher(userAgent, limits, resolver)) {
      FetchResponse response =
          Redirects.follow(
              fetcher,
              normalized,
              HttpFetcher.Purpose.PAGE,
              Redirects.Validators.NONE,
              limits.maxRedirects(),
              target -> rules.normalizeRedirect(target, url + ": "));
      if (response.status() < 200 || response.status() >= 300) {
        throw new IOException(url + ": HTTP " + response.status());
      }
      ExtractedContent content =
          Extractor.extract(response.body(), response.contentType(), response.url());
      return new CrawledPage(
          "adhoc",
          response.url(),
          0,
          Instant.now(),
          response.status(),
          response.mediaType(),
          content,
          Fingerprints.contentHash(content.text()),
          Fingerprints.simhash(content.text()));
    } catch (FetchException e) {
      throw new IOException(e.getMessage() + " (" + e.stage() + ":" + e.cause() + ")", e);
    }
  }
}
