package org.vigil.crawler;

import java.util.List;

/**
 * Per-source crawl limits beyond those of {@link org.vigil.model.Source}. Every field has the
 * default documented in {@code docs/CONFIGURATION.md} ({@link #defaults()}).
 *
 * @param maxBytes the most body bytes read (after decompression) per response
 * @param truncateTooLarge {@code true}: a larger page is truncated to {@code maxBytes} and
 *     processed; {@code false}: it is skipped
 * @param connectTimeoutMs TCP connect timeout
 * @param readTimeoutMs socket read timeout (longest silence while reading)
 * @param fetchTimeoutMs longest total time for one response, against slow-drip servers
 * @param maxRedirects most redirect hops followed per URL
 * @param maxRetries most retries of a transient failure (timeouts, 5xx, 429) per URL
 * @param retryBackoffMs base of the exponential backoff between retries
 * @param maxRetryAfterMs longest Retry-After / Crawl-delay honoured; longer values are capped
 * @param threads fetch threads
 * @param maxPagesPerHost most pages fetched per host and run (0: no cap besides max_pages)
 * @param stripQueryParams query parameter names removed during URL normalisation; a trailing {@code
 *     *} matches a prefix (e.g. {@code utm_*}); matching is case-insensitive
 * @param maxUrlLength longer URLs are skipped as traps
 * @param maxPathRepeats a URL whose path repeats one segment more often than this is a trap
 * @param respectRobots whether robots.txt is fetched and obeyed
 * @param maxFeedBytes the most body bytes read (after decompression) per feed or sitemap (a
 *     full-content RSS feed is often larger than a page); a longer one fails as {@code
 *     limit:too-large}, naming the URL and this setting (a cut XML document would not parse)
 */
public record CrawlLimits(
    long maxBytes,
    boolean truncateTooLarge,
    int connectTimeoutMs,
    int readTimeoutMs,
    int fetchTimeoutMs,
    int maxRedirects,
    int maxRetries,
    long retryBackoffMs,
    long maxRetryAfterMs,
    int threads,
    int maxPagesPerHost,
    List<String> stripQueryParams,
    int maxUrlLength,
    int maxPathRepeats,
    boolean respectRobots,
    long maxFeedBytes) {

  /** The default parameter names stripped from URLs: tracking and session parameters. */
  public static final List<String> DEFAULT_STRIP_QUERY_PARAMS =
      List.of(
          "utm_*",
          "fbclid",
          "gclid",
          "msclkid",
          "mc_cid",
          "mc_eid",
          "jsessionid",
          "phpsessid",
          "sessionid",
          "session_id",
          "sid",
          "aspsessionid*",
          "cfid",
          "cftoken");

  public CrawlLimits {
    positive(maxBytes, "maxBytes");
    positive(connectTimeoutMs, "connectTimeoutMs");
    positive(readTimeoutMs, "readTimeoutMs");
    positive(fetchTimeoutMs, "fetchTimeoutMs");
    nonNegative(maxRedirects, "maxRedirects");
    nonNegative(maxRetries, "maxRetries");
    nonNegative(retryBackoffMs, "retryBackoffMs");
    nonNegative(maxRetryAfterMs, "maxRetryAfterMs");
    positive(threads, "threads");
    nonNegative(maxPagesPerHost, "maxPagesPerHost");
    stripQueryParams = stripQueryParams == null ? List.of() : List.copyOf(stripQueryParams);
    positive(maxUrlLength, "maxUrlLength");
    positive(maxPathRepeats, "maxPathRepeats");
    positive(maxFeedBytes, "maxFeedBytes");
  }

  /** The default {@link #maxFeedBytes()}: 16 MiB. */
  public static final long DEFAULT_MAX_FEED_BYTES = 16L * 1024 * 1024;

  /** The defaults: 2 MiB truncated, 10 s connect, 20 s read, 60 s total, 5 redirects, ... */
  public static CrawlLimits defaults() {
    return new CrawlLimits(
        2L * 1024 * 1024,
        true,
        10_000,
        20_000,
        60_000,
        5,
        2,
        1_000,
        60_000,
        4,
        0,
        DEFAULT_STRIP_QUERY_PARAMS,
        2048,
        3,
        true,
        DEFAULT_MAX_FEED_BYTES);
  }

  /** A copy with other timeouts (connect, read, total), in milliseconds. */
  public CrawlLimits withTimeouts(int connectMs, int readMs, int fetchMs) {
    return new CrawlLimits(
        maxBytes,
        truncateTooLarge,
        connectMs,
        readMs,
        fetchMs,
        maxRedirects,
        maxRetries,
        retryBackoffMs,
        maxRetryAfterMs,
        threads,
        maxPagesPerHost,
        stripQueryParams,
        maxUrlLength,
        maxPathRepeats,
        respectRobots,
        maxFeedBytes);
  }

  /** A copy with another body limit and too-large policy. */
  public CrawlLimits withMaxBytes(long bytes, boolean truncate) {
    return new CrawlLimits(
        bytes,
        truncate,
        connectTimeoutMs,
        readTimeoutMs,
        fetchTimeoutMs,
        maxRedirects,
        maxRetries,
        retryBackoffMs,
        maxRetryAfterMs,
        threads,
        maxPagesPerHost,
        stripQueryParams,
        maxUrlLength,
        maxPathRepeats,
        respectRobots,
        maxFeedBytes);
  }

  /** A copy with other retry settings. */
  public CrawlLimits withRetries(int retries, long backoffMs, long maxRetryAfter) {
    return new CrawlLimits(
        maxBytes,
        truncateTooLarge,
        connectTimeoutMs,
        readTimeoutMs,
        fetchTimeoutMs,
        maxRedirects,
        retries,
        backoffMs,
        maxRetryAfter,
        threads,
        maxPagesPerHost,
        stripQueryParams,
        maxUrlLength,
        maxPathRepeats,
        respectRobots,
        maxFeedBytes);
  }

  /** A copy with another feed and sitemap body limit. */
  public CrawlLimits withMaxFeedBytes(long bytes) {
    return new CrawlLimits(
        maxBytes,
        truncateTooLarge,
        connectTimeoutMs,
        readTimeoutMs,
        fetchTimeoutMs,
        maxRedirects,
        maxRetries,
        retryBackoffMs,
        maxRetryAfterMs,
        threads,
        maxPagesPerHost,
        stripQueryParams,
        maxUrlLength,
        maxPathRepeats,
        respectRobots,
        bytes);
  }

  /** A copy with another thread count and per-host page cap. */
  public CrawlLimits withThreads(int count, int pagesPerHost) {
    return new CrawlLimits(
        maxBytes,
        truncateTooLarge,
        connectTimeoutMs,
        readTimeoutMs,
        fetchTimeoutMs,
        maxRedirects,
        maxRetries,
        retryBackoffMs,
        maxRetryAfterMs,
        count,
        pagesPerHost,
        stripQueryParams,
        maxUrlLength,
        maxPathRepeats,
        respectRobots,
        maxFeedBytes);
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  private static void nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
  }
}
