package org.vigil.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A classified page on its way into the index. Its {@link #id()} is a stable hash of the canonical
 * URL, so a re-crawl updates the same document instead of adding a new one.
 *
 * @param id the document id, {@link #idFor(String)} of the canonical URL
 * @param sourceId the source whose crawl found the page
 * @param url the fetched URL
 * @param canonicalUrl the canonical URL
 * @param title the page title, possibly empty
 * @param text the main text that was classified
 * @param author the author, else {@code null}
 * @param published the publication time, else {@code null}
 * @param crawledAt when the page was fetched
 * @param contentHash hex SHA-256 of the normalised main text
 * @param simhash 64-bit near-duplicate fingerprint
 * @param classification the classifier's verdict
 */
public record FlaggedItem(
    String id,
    String sourceId,
    String url,
    String canonicalUrl,
    String title,
    String text,
    String author,
    Instant published,
    Instant crawledAt,
    String contentHash,
    long simhash,
    Classification classification) {
  public FlaggedItem {
    Checks.notBlank(id, "id");
    Checks.notBlank(sourceId, "sourceId");
    Checks.notBlank(url, "url");
    Checks.notBlank(canonicalUrl, "canonicalUrl");
    title = Checks.orEmpty(title);
    text = Checks.orEmpty(text);
    Objects.requireNonNull(crawledAt, "crawledAt");
    contentHash = Checks.orEmpty(contentHash);
    Objects.requireNonNull(classification, "classification");
  }

  /** The item for a crawled page and its classification. */
  public static FlaggedItem of(CrawledPage page, Classification classification) {
    ExtractedContent content = page.content();
    return new FlaggedItem(
        idFor(page.canonicalUrl()),
        page.sourceId(),
        page.url(),
        page.canonicalUrl(),
        content.title(),
        content.text(),
        content.author(),
        content.published(),
        page.fetchedAt(),
        page.contentHash(),
        page.simhash(),
        classification);
  }

  /** The stable document id of a canonical URL: the first 128 bits of its SHA-256, in hex. */
  public static String idFor(String canonicalUrl) {
    Checks.notBlank(canonicalUrl, "canonicalUrl");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalUrl.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
