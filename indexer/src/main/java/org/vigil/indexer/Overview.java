package org.vigil.indexer;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Aggregate figures of the flagged items of a period, for the analyst report.
 *
 * @param flagged items flagged now and seen within the period
 * @param dailyByCategory of those, how many appeared each day (UTC; publication time when the page
 *     gives one, else first seen), by category
 * @param topDomains the domains with the most of them, most first
 * @param reviewStatus how many are {@code unreviewed} and {@code reviewed}
 * @param verdicts of the reviewed ones, how many got each verdict
 */
public record Overview(
    long flagged,
    SortedMap<java.time.LocalDate, Map<String, Long>> dailyByCategory,
    List<Count> topDomains,
    List<Count> reviewStatus,
    List<Count> verdicts) {

  /** A key and how many items have it. */
  public record Count(String key, long count) {}
}
