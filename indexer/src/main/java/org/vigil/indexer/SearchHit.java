package org.vigil.indexer;

import java.time.Instant;
import java.util.List;

/**
 * One flagged item as search results show it.
 *
 * @param id the document id
 * @param url the canonical URL
 * @param domain the URL's host
 * @param title the page title, possibly empty
 * @param sourceId the source that found it
 * @param category the classifier's category
 * @param score the extremist score in [0, 1]
 * @param firstSeen when Vigil first indexed it
 * @param lastSeen when it was last crawled
 * @param topEvidence the strongest indicator's evidence, possibly empty
 * @param indicators ids of the indicators that fired, strongest first
 * @param modelVersion the model that classified it
 * @param reviewStatus {@code unreviewed} or {@code reviewed}
 * @param verdict the analyst's verdict wire name ({@code confirmed}, ...), or {@code null}
 * @param flagged whether the item is flagged now ({@code false}: cleared by a later crawl)
 * @param clearedAt when a crawl last found it no longer flagged, or {@code null} if never
 * @param goneAt when a re-crawl found the page gone (HTTP 404 or 410), or {@code null} when it was
 *     there at the last crawl
 */
public record SearchHit(
    String id,
    String url,
    String domain,
    String title,
    String sourceId,
    String category,
    double score,
    Instant firstSeen,
    Instant lastSeen,
    String topEvidence,
    List<String> indicators,
    String modelVersion,
    String reviewStatus,
    String verdict,
    boolean flagged,
    Instant clearedAt,
    Instant goneAt) {
  public SearchHit {
    indicators = indicators == null ? List.of() : List.copyOf(indicators);
  }

  /** One line of JSON with every field, as {@code vigil search --json} prints it. */
  public String toJson() {
    return org.vigil.indexer.internal.Json.searchHit(this);
  }
}
