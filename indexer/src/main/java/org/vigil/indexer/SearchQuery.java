package org.vigil.indexer;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An analyst's search over flagged items. Start from {@link #of(String)} and narrow with the {@code
 * with...} methods.
 *
 * @param query a Lucene query string over title, text, evidence and URL; {@code *} or blank matches
 *     everything
 * @param since only items last seen within this period, or {@code null}
 * @param category only this category, or {@code null}
 * @param minScore only items with at least this score, or {@code null}
 * @param domain only items of this domain (exact, e.g. {@code example.org}), or {@code null}
 * @param limit maximum hits returned, 1..10000
 * @param includeCleared also items that were flagged once but are no longer ({@code vigil.flagged:
 *     false}, see {@link ItemIndexer#clear}); by default only currently flagged items match
 */
public record SearchQuery(
    String query,
    Duration since,
    String category,
    Double minScore,
    String domain,
    int limit,
    boolean includeCleared) {
  private static final Pattern SINCE = Pattern.compile("(\\d+)\\s*([smhdw])");

  public SearchQuery {
    query = query == null || query.isBlank() ? "*" : query.trim();
    if (since != null && (since.isNegative() || since.isZero())) {
      throw new IllegalArgumentException("since must be positive, was " + since);
    }
    category = category == null || category.isBlank() ? null : category.trim();
    if (minScore != null && !(minScore >= 0.0 && minScore <= 1.0)) {
      throw new IllegalArgumentException("min score must be within [0, 1], was " + minScore);
    }
    domain = domain == null || domain.isBlank() ? null : domain.trim().toLowerCase(Locale.ROOT);
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be within [1, 10000], was " + limit);
    }
  }

  /** A query string with no other filter and a limit of 20. */
  public static SearchQuery of(String query) {
    return new SearchQuery(query, null, null, null, null, 20, false);
  }

  /** Everything, limit 20. */
  public static SearchQuery all() {
    return of("*");
  }

  public SearchQuery withSince(Duration period) {
    return new SearchQuery(query, period, category, minScore, domain, limit, includeCleared);
  }

  /** Parses a period like {@code 30m}, {@code 12h}, {@code 7d} or {@code 2w}. */
  public SearchQuery withSince(String period) {
    return withSince(parsePeriod(period));
  }

  public SearchQuery withCategory(String newCategory) {
    return new SearchQuery(query, since, newCategory, minScore, domain, limit, includeCleared);
  }

  public SearchQuery withMinScore(Double score) {
    return new SearchQuery(query, since, category, score, domain, limit, includeCleared);
  }

  public SearchQuery withDomain(String newDomain) {
    return new SearchQuery(query, since, category, minScore, newDomain, limit, includeCleared);
  }

  public SearchQuery withLimit(int newLimit) {
    return new SearchQuery(query, since, category, minScore, domain, newLimit, includeCleared);
  }

  /** The same query, also matching cleared items when {@code include} is true. */
  public SearchQuery withIncludeCleared(boolean include) {
    return new SearchQuery(query, since, category, minScore, domain, limit, include);
  }

  /** Parses {@code <n>s|m|h|d|w}, e.g. {@code 7d}; throws a one-line message otherwise. */
  public static Duration parsePeriod(String period) {
    Objects.requireNonNull(period, "period");
    Matcher m = SINCE.matcher(period.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid period '" + period + "' (expected e.g. 30m, 12h, 7d, 2w)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
