package org.vigil.crawler;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Crawler#run()}.
 *
 * @param sourceId the source crawled
 * @param fetched pages fetched, extracted and handed to the sink in this run (including unchanged
 *     ones handed on again because the sink version changed)
 * @param skipped URLs deliberately not fetched or not handed on: robots, SSRF guard, limits, traps,
 *     unchanged (HTTP 304 or same content hash, under the same sink version) and exact duplicates
 * @param failed URLs that failed (HTTP errors, timeouts, parse or sink errors)
 * @param failuresByCause counts of every {@link org.vigil.model.CrawlFailure} reported to the
 *     listener, keyed by {@code stage:cause} (policy skips such as {@code robots:disallowed} and
 *     notes such as {@code limit:truncated} included)
 * @param durationMs wall-clock duration of this run
 * @param completed {@code false} when {@link Crawler#stop()} ended the run early (the next run
 *     resumes from the saved frontier); {@code true} when the frontier emptied or a limit was hit
 * @param skips why fetched pages were skipped, where the reason is one of the content's (the rest
 *     of {@code skipped} are policy skips: robots, guard, scope, limits, redirect targets seen)
 */
public record CrawlResult(
    String sourceId,
    long fetched,
    long skipped,
    long failed,
    Map<String, Long> failuresByCause,
    long durationMs,
    boolean completed,
    Skips skips) {
  public CrawlResult {
    Objects.requireNonNull(sourceId, "sourceId");
    failuresByCause = failuresByCause == null ? Map.of() : Map.copyOf(failuresByCause);
    skips = skips == null ? Skips.NONE : skips;
  }

  /** A result without a breakdown of its skips. */
  public CrawlResult(
      String sourceId,
      long fetched,
      long skipped,
      long failed,
      Map<String, Long> failuresByCause,
      long durationMs,
      boolean completed) {
    this(sourceId, fetched, skipped, failed, failuresByCause, durationMs, completed, Skips.NONE);
  }

  /**
   * Pages skipped because of their content, each counted in {@code skipped} too.
   *
   * @param unchanged answered HTTP 304, or the same content hash as last time (same sink version)
   * @param duplicate exact copies (same text) of a page this run handed on
   * @param sameCanonical pages whose {@code rel=canonical} URL this run already handed on
   */
  public record Skips(long unchanged, long duplicate, long sameCanonical) {
    /** No skips. */
    public static final Skips NONE = new Skips(0, 0, 0);
  }
}
