package org.vigil.crawler.internal;

/**
 * One URL waiting in the frontier.
 *
 * @param url normalised URL
 * @param depth link distance from the nearest seed
 * @param kind what the URL is expected to be
 * @param attempt 0 for the first try, then the retry number
 */
public record Task(String url, int depth, Kind kind, int attempt) {
  /** What a frontier URL is expected to be; stored as its ordinal. */
  public enum Kind {
    PAGE,
    SITEMAP,
    FEED
  }

  Task retry() {
    return new Task(url, depth, kind, attempt + 1);
  }
}
