package org.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A page whose main text is an exact copy of a page the crawl already handed on, so it is not
 * classified again: still an appearance of that content (a repost on another host), which spread
 * tracking records.
 *
 * @param sourceId the source whose crawl found it
 * @param url the fetched URL
 * @param canonicalUrl the canonical URL it declares, else {@code url}
 * @param copyOf the URL of the page with the same text that was handed on
 * @param fetchedAt when it was fetched
 * @param published the publication time the page gives, else {@code null}
 * @param contentHash the content hash both pages share
 */
public record CopiedPage(
    String sourceId,
    String url,
    String canonicalUrl,
    String copyOf,
    Instant fetchedAt,
    Instant published,
    String contentHash) {
  public CopiedPage {
    Checks.notBlank(sourceId, "sourceId");
    Checks.notBlank(url, "url");
    Checks.notBlank(canonicalUrl, "canonicalUrl");
    Checks.notBlank(copyOf, "copyOf");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Checks.notBlank(contentHash, "contentHash");
  }

  /** The id of its copy document: {@link FlaggedItem#idFor} of its canonical URL. */
  public String documentId() {
    return FlaggedItem.idFor(canonicalUrl);
  }
}
