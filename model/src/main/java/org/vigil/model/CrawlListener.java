package org.vigil.model;

/**
 * Receives a crawl's failures and progress as they happen. All methods may be called concurrently.
 */
public interface CrawlListener {
  /** A listener that ignores everything. */
  CrawlListener NONE = new CrawlListener() {};

  /** A URL failed; the crawl goes on. */
  default void onFailure(CrawlFailure failure) {}

  /** Periodic progress: pages fetched so far, URLs waiting, failures so far. */
  default void onProgress(long fetched, long queued, long failed) {}

  /**
   * Periodic progress with the page fetches attempted so far: what a source's {@code max_pages}
   * bounds (fetched, unchanged, skipped and failed pages alike), at most {@code max_pages}. By
   * default the same as {@link #onProgress(long, long, long)}.
   */
  default void onProgress(long fetched, long queued, long failed, long attempted) {
    onProgress(fetched, queued, failed);
  }
}
