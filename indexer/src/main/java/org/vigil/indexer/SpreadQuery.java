package org.vigil.indexer;

import java.time.Duration;

/**
 * Which clusters {@link SpreadTracker#clusters} lists.
 *
 * @param since only clusters seen within this period; their growth is measured over it
 * @param minHosts only clusters that appeared on at least this many hosts
 * @param category only clusters of this category, or {@code null}
 * @param limit at most this many, 1..1000
 */
public record SpreadQuery(Duration since, int minHosts, String category, int limit) {
  public SpreadQuery {
    if (since == null || since.isNegative() || since.isZero()) {
      throw new IllegalArgumentException("since must be a positive period, was " + since);
    }
    if (minHosts < 1) {
      throw new IllegalArgumentException("min-hosts must be at least 1, was " + minHosts);
    }
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be within [1, 1000], was " + limit);
    }
    category = category == null || category.isBlank() ? null : category;
  }
}
