package org.vigil.indexer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One cluster of near-duplicate flagged content: where it appeared first and how it spread.
 *
 * @param id the cluster id ({@code vigil.cluster.id} of its items)
 * @param category the category of the item that founded it
 * @param title the title of its representative item
 * @param snippet the start of its representative item's text
 * @param evidence the evidence sentence of its representative item
 * @param firstSeen when it appeared first (the earliest appearance's publication or crawl time)
 * @param firstUrl where it appeared first
 * @param firstHost the host of {@code firstUrl}
 * @param lastSeen when a crawl last saw one of its appearances
 * @param items its appearances: flagged items plus verbatim copies
 * @param copies of {@code items}, verbatim copies (not classified again)
 * @param hosts distinct hosts among its appearances
 * @param gone appearances whose page answered 404/410 since
 * @param daily new appearances per day (UTC), days without any left out
 */
public record SpreadCluster(
    String id,
    String category,
    String title,
    String snippet,
    String evidence,
    Instant firstSeen,
    String firstUrl,
    String firstHost,
    Instant lastSeen,
    int items,
    int copies,
    int hosts,
    int gone,
    SortedMap<LocalDate, Integer> daily) {
  public SpreadCluster {
    Objects.requireNonNull(id, "id");
    daily = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(daily));
  }

  /**
   * New appearances per day over the last {@code window} before {@code now} (whole days, at least
   * one): how fast it spreads now.
   */
  public double growthPerDay(Duration window, Instant now) {
    long days = Math.max(1, window.toDays());
    LocalDate from = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1);
    int n = 0;
    for (Map.Entry<LocalDate, Integer> e : daily.tailMap(from).entrySet()) {
      n += e.getValue();
    }
    return (double) n / days;
  }
}
