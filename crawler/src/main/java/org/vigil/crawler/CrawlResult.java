package org.vigil.crawler;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Crawler#run()}.
 *
 * @param sourceId the source crawled
 * @param fetched pages fetched, extracted and handed to the sink in this run (including unchanged
 *     ones handed on again because the sink version changed)
 * @param skipped URLs deliberately not fetched or not handed on: robots, SSRF guard, limits, traps,
 *     unchanged (HTTP 304 or same content hash, under the same sink version) and exact duplicates;
 *     the sum of {@code skips}
 * @param failed URLs that failed (HTTP errors, timeouts, parse or sink errors)
 * @param failuresByCause counts of every {@link org.vigil.model.CrawlFailure} reported to the
 *     listener, keyed by {@code stage:cause} (policy skips such as {@code robots:disallowed} and
 *     notes such as {@code limit:truncated} included)
 * @param durationMs wall-clock duration of this run
 * @param completed {@code false} when {@link Crawler#stop()} ended the run early (the next run
 *     resumes from the saved frontier); {@code true} when the frontier emptied or a limit was hit
 * @param skips {@code skipped} by reason (every reason present, zero included)
 * @param seeds seeds this run started from (0 when it resumed an interrupted run)
 * @param seedsReached of those, the seeds that answered with content (2xx) or 304, directly or
 *     after redirects; {@link #noSeedReached()} when none did
 */
public record CrawlResult(
    String sourceId,
    long fetched,
    long skipped,
    long failed,
    Map<String, Long> failuresByCause,
    long durationMs,
    boolean completed,
    Map<SkipReason, Long> skips,
    int seeds,
    int seedsReached) {
  public CrawlResult {
    Objects.requireNonNull(sourceId, "sourceId");
    failuresByCause = failuresByCause == null ? Map.of() : Map.copyOf(failuresByCause);
    Map<SkipReason, Long> all = new EnumMap<>(SkipReason.class);
    for (SkipReason reason : SkipReason.values()) {
      all.put(reason, skips == null ? 0L : skips.getOrDefault(reason, 0L));
    }
    skips = java.util.Collections.unmodifiableMap(all);
  }

  /** A result without skip reasons or seed counts (all zero). */
  public CrawlResult(
      String sourceId,
      long fetched,
      long skipped,
      long failed,
      Map<String, Long> failuresByCause,
      long durationMs,
      boolean completed) {
    this(sourceId, fetched, skipped, failed, failuresByCause, durationMs, completed, null, 0, 0);
  }

  /**
   * Whether the run started from its seeds and every one of them was refused (SSRF guard, robots,
   * scope) or failed: nothing of the source was reached, which is not a successful run.
   */
  public boolean noSeedReached() {
    return seeds > 0 && seedsReached == 0;
  }
}
