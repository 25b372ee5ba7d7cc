package org.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A fetched and extracted page, as the crawler hands it to the rest of the pipeline.
 *
 * @param sourceId the id of the source whose crawl found this page
 * @param url the URL that was fetched (after redirects)
 * @param depth link distance from the nearest seed (seeds are 0)
 * @param fetchedAt when the response was received
 * @param httpStatus the HTTP status of the final response
 * @param contentType the media type of the response, without parameters
 * @param content what the extractor found
 * @param contentHash hex SHA-256 of the normalised main text (exact-duplicate key)
 * @param simhash 64-bit SimHash of the main text (near-duplicate fingerprint)
 * @param previousContentHash the content hash the crawl state recorded for this URL on an earlier
 *     run, or {@code null} when the crawl state never fetched it (a brand-new URL). A page with one
 *     is a re-crawl of a changed page: what an earlier run decided about it (e.g. flagged it) may
 *     be stale. After a page answered 404/410 and was marked gone ({@link PageSink#gone}) it is
 *     {@code "gone"}: a page that came back.
 */
public record CrawledPage(
    String sourceId,
    String url,
    int depth,
    Instant fetchedAt,
    int httpStatus,
    String contentType,
    ExtractedContent content,
    String contentHash,
    long simhash,
    String previousContentHash) {
  public CrawledPage {
    Checks.notBlank(sourceId, "sourceId");
    Checks.notBlank(url, "url");
    Checks.nonNegative(depth, "depth");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    contentType = Checks.orEmpty(contentType);
    Objects.requireNonNull(content, "content");
    Checks.notBlank(contentHash, "contentHash");
    if (previousContentHash != null) {
      Checks.notBlank(previousContentHash, "previousContentHash");
    }
  }

  /** A page of a URL the crawl state never fetched before. */
  public CrawledPage(
      String sourceId,
      String url,
      int depth,
      Instant fetchedAt,
      int httpStatus,
      String contentType,
      ExtractedContent content,
      String contentHash,
      long simhash) {
    this(
        sourceId,
        url,
        depth,
        fetchedAt,
        httpStatus,
        contentType,
        content,
        contentHash,
        simhash,
        null);
  }

  /**
   * Whether an earlier run of the crawl already fetched this URL (and it changed since, or the
   * crawler would not hand it on).
   */
  public boolean recrawled() {
    return previousContentHash != null;
  }

  /**
   * The canonical URL the page declares, or the fetched URL when it declares none: the key its
   * document is indexed under ({@link FlaggedItem#idFor}).
   */
  public String canonicalUrl() {
    return canonicalUrlOf(content, url);
  }

  /** {@link #canonicalUrl()} of a page at {@code url} with {@code content}. */
  public static String canonicalUrlOf(ExtractedContent content, String url) {
    String canonical = content.canonicalUrl();
    return canonical == null || canonical.isBlank() ? url : canonical;
  }
}
