package org.vigil.model;

import java.util.Map;

/**
 * Counters of one crawl run, as printed by {@code vigil crawl --json} and stored in run history.
 * Documents counted in {@code indexed}, {@code cleared} and {@code gone} are acknowledged by
 * Elasticsearch; what went to the spool instead (adds, clears and gone marks alike) is counted in
 * {@code spooled} only.
 *
 * @param fetched pages fetched and extracted
 * @param skipped URLs not fetched or not processed on purpose (robots, scope, unchanged, limits)
 * @param failed URLs that failed (see {@link CrawlFailure})
 * @param flagged pages the classifier flagged
 * @param indexed items acknowledged by Elasticsearch
 * @param spooled items written to the on-disk spool instead
 * @param cleared documents of re-crawled pages that are no longer flagged, marked cleared (a page
 *     without a document has nothing to clear and is not counted)
 * @param gone documents of known pages that now answer 404/410, marked gone (a page without a
 *     document has nothing to mark and is not counted)
 * @param durationMs wall-clock duration of the run
 * @param failuresByCause failure counts keyed by {@code stage:cause}
 */
public record CrawlStats(
    long fetched,
    long skipped,
    long failed,
    long flagged,
    long indexed,
    long spooled,
    long cleared,
    long gone,
    long durationMs,
    Map<String, Long> failuresByCause) {
  public CrawlStats {
    Checks.nonNegative(fetched, "fetched");
    Checks.nonNegative(skipped, "skipped");
    Checks.nonNegative(failed, "failed");
    Checks.nonNegative(flagged, "flagged");
    Checks.nonNegative(indexed, "indexed");
    Checks.nonNegative(spooled, "spooled");
    Checks.nonNegative(cleared, "cleared");
    Checks.nonNegative(gone, "gone");
    Checks.nonNegative(durationMs, "durationMs");
    failuresByCause = Checks.map(failuresByCause);
  }
}
