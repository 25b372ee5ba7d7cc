package org.vigil.crawler;

/**
 * Why a fetched (or fetchable) URL was not handed to the sink; {@link CrawlResult#skips()} counts
 * each. The links of a skipped HTML page are followed all the same.
 */
public enum SkipReason {
  /** HTTP 304, or the same content hash as last time under the same sink version. */
  UNCHANGED,
  /** Its page (title and main text) is an exact copy of a page already handed on in this crawl. */
  DUPLICATE,
  /** Its {@code rel=canonical} names a page already handed on in this crawl. */
  SAME_CANONICAL,
  /** It redirected to a URL this run already has. */
  REDIRECT_SEEN,
  /**
   * Not fetched by policy: robots.txt, the SSRF guard, limits and URL traps ({@link
   * CrawlResult#failuresByCause()} says which).
   */
  POLICY
}
