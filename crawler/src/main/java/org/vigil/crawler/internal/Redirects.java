package org.vigil.crawler.internal;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/** Follows redirects hop by hop, so that scope, robots and the SSRF guard judge every hop. */
public final class Redirects {
  private Redirects() {}

  /** Judges the next hop; returns its normalised URL or throws to stop following. */
  @FunctionalInterface
  public interface HopCheck {
    String check(String absoluteUrl) throws FetchException;
  }

  /**
   * Fetches {@code url}, following at most {@code maxRedirects} redirects; conditional headers are
   * sent on the first hop only (they belong to that URL).
   */
  public static FetchResponse follow(
      HttpFetcher fetcher,
      String url,
      HttpFetcher.Purpose purpose,
      StateStore.Previous previous,
      int maxRedirects,
      HopCheck check)
      throws FetchException {
    String current = url;
    Set<String> chain = new HashSet<>();
    chain.add(current);
    for (int hop = 0; ; hop++) {
      FetchResponse response =
          fetcher.fetch(
              current,
              purpose,
              hop == 0 && previous != null ? previous.etag() : null,
              hop == 0 && previous != null ? previous.lastModified() : null);
      if (!isRedirect(response.status()) || response.location() == null) {
        return response;
      }
      if (hop >= maxRedirects) {
        throw new FetchException(
            "limit",
            "too-many-redirects",
            url + ": more than " + maxRedirects + " redirects",
            false);
      }
      String target;
      try {
        target = URI.create(current).resolve(response.location().strip()).toString();
      } catch (IllegalArgumentException e) {
        throw new FetchException(
            "fetch", "bad-redirect", url + ": bad Location '" + response.location() + "'", false);
      }
      String next = check.check(target);
      if (!chain.add(next)) {
        throw new FetchException(
            "fetch", "redirect-loop", url + ": redirect loop at " + next, false);
      }
      current = next;
    }
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
