package org.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A page the crawl state knew (an earlier run fetched and hashed it) that now answers 404 or 410:
 * whatever was indexed about it should be marked gone, not deleted, so analysts can see content
 * disappear.
 *
 * @param sourceId the id of the source whose crawl re-fetched it
 * @param url the URL that answered 404 or 410
 * @param canonicalUrl the key its content was last handed on under: the canonical URL that content
 *     declared ({@link CrawledPage#canonicalUrl()}), which names its document ({@link
 *     FlaggedItem#idFor}); the fetched URL when the crawl state does not know it
 * @param fetchedAt when the answer was received (the document's {@code gone_at})
 * @param httpStatus 404 or 410
 */
public record GonePage(
    String sourceId, String url, String canonicalUrl, Instant fetchedAt, int httpStatus) {
  public GonePage {
    Checks.notBlank(sourceId, "sourceId");
    Checks.notBlank(url, "url");
    Checks.notBlank(canonicalUrl, "canonicalUrl");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (!isGone(httpStatus)) {
      throw new IllegalArgumentException("httpStatus must be 404 or 410, was " + httpStatus);
    }
  }

  /** A gone page whose content was indexed under its own URL (it declared no other canonical). */
  public GonePage(String sourceId, String url, Instant fetchedAt, int httpStatus) {
    this(sourceId, url, url, fetchedAt, httpStatus);
  }

  /** The id of the document to mark: {@link FlaggedItem#idFor} of {@link #canonicalUrl}. */
  public String documentId() {
    return FlaggedItem.idFor(canonicalUrl);
  }

  /** Whether an HTTP status says a page is gone (404 Not Found, 410 Gone). */
  public static boolean isGone(int httpStatus) {
    return httpStatus == 404 || httpStatus == 410;
  }
}
