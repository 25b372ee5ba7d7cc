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

  /** The validators stored for one hop's URL, or {@code null} to send none. */
  @FunctionalInterface
  public interface Validators {
    StateStore.Previous of(String url);

    Validators NONE = url -> null;
  }

  /**
   * Fetches {@code url}, following at most {@code maxRedirects} redirects. Each hop sends the
   * conditional headers {@code validators} has for that hop's URL: a re-crawl of {@code /a} that
   * answers 301 to {@code /a/} asks for {@code /a/} with the validators of {@code /a/}, so an
   * unchanged target answers 304.
   */
  public static FetchResponse follow(
      HttpFetcher fetcher,
      String url,
      HttpFetcher.Purpose purpose,
      Validators validators,
      int maxRedirects,
      HopCheck check)
      throws FetchException {
    String current = url;
    Set<String> chain = new HashSet<>();
    chain.add(current);
    for (int hop = 0; ; hop++) {
      StateStore.Previous previous = validators.of(current);
      FetchResponse response =
          fetcher.fetch(
              current,
              purpose,
              previous == null ? null : previous.etag(),
              previous == null ? null : previous.lastModified());
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
