package org.vigil.model;

/**
 * Where the crawler hands each new or changed page. The crawler calls {@link #accept} from its
 * worker threads (implementations must be thread-safe) and may block there: a slow sink is how
 * backpressure reaches the crawler.
 *
 * <p>Resumability contract: before the crawler persists "these URLs are done" it calls {@link
 * #checkpoint()}. When that returns, everything accepted so far must be durable (acknowledged by
 * the index or fsynced to the spool), so a crash right after never loses a page the crawl state
 * claims as processed.
 */
public interface PageSink {
  /** Processes one page. A thrown exception is recorded as a failure of that page only. */
  void accept(CrawledPage page) throws Exception;

  /**
   * Marks a page the crawl state knew as gone (it now answers 404 or 410). Same thread-safety and
   * checkpoint contract as {@link #accept}: a mark is durable when {@link #checkpoint()} returns. A
   * thrown exception is recorded as a failure of that URL only. The default does nothing.
   */
  default void gone(GonePage page) throws Exception {}

  /**
   * Records a page the crawler did not hand on because its text is an exact copy of a page it did
   * (an appearance of that content, e.g. a repost on another host). Same thread-safety and
   * checkpoint contract as {@link #accept}. The default does nothing.
   */
  default void copy(CopiedPage page) throws Exception {}

  /** Makes everything accepted so far durable. */
  default void checkpoint() throws Exception {}
}
