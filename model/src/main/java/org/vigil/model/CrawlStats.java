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
 * @param unchanged of {@code skipped}: pages that answered 304 or had the same content hash
 * @param duplicate of {@code skipped}: exact copies of a page handed on in the same run
 * @param sameCanonical of {@code skipped}: pages whose canonical URL was handed on in the run
 * @param unsupportedLanguage of {@code fetched}: pages in a language the model does not classify
 *     (category {@link Categories#UNSUPPORTED_LANGUAGE}), never flagged
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
    Map<String, Long> failuresByCause,
    long unchanged,
    long duplicate,
    long sameCanonical,
    long unsupportedLanguage) {
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
    Checks.nonNegative(unchanged, "unchanged");
    Checks.nonNegative(duplicate, "duplicate");
    Checks.nonNegative(sameCanonical, "sameCanonical");
    Checks.nonNegative(unsupportedLanguage, "unsupportedLanguage");
  }

  /** Counters without the breakdown of skips and without unsupported-language pages (all 0). */
  public CrawlStats(
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
    this(
        fetched,
        skipped,
        failed,
        flagged,
        indexed,
        spooled,
        cleared,
        gone,
        durationMs,
        failuresByCause,
        0,
        0,
        0,
        0);
  }
}
