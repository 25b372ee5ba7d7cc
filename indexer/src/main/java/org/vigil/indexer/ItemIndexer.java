package org.vigil.indexer;

import java.util.Objects;
import org.vigil.indexer.internal.BulkEngine;
import org.vigil.model.CopiedPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;

/**
 * Indexes flagged items into Elasticsearch in bulk, losing none: what the cluster cannot take goes
 * to the on-disk spool and is replayed when it is back. Obtain one from {@link
 * VigilIndex#indexer(IndexerOptions)}. Thread-safe; {@link #add} may block (backpressure).
 *
 * <p>Each item is an update by its stable id, so indexing an item twice (a re-crawl, a replay after
 * a crash) leaves one document: its first-seen time and review are kept, everything else is
 * replaced. {@link #clear} marks the document of an item that is no longer flagged.
 */
public final class ItemIndexer implements AutoCloseable {
  private final BulkEngine engine;
  private IndexStats closedStats;

  ItemIndexer(BulkEngine engine) {
    this.engine = engine;
  }

  /**
   * Queues an item for indexing. Blocks while the configured number of bulk requests is in flight.
   *
   * @throws IllegalStateException when the indexer is closed
   */
  public void add(FlaggedItem item) throws IndexerException {
    engine.add(Objects.requireNonNull(item, "item"));
  }

  /**
   * Queues the clear of an item the classifier no longer flags (a changed page, or one a newer
   * model re-classified): its existing document, if any, is marked {@code vigil.flagged: false}
   * with the new score, category, model version, {@code last_seen} and {@code cleared_at}; its
   * text, evidence, first-seen time and analyst review are kept. No document is created: a missing
   * one is counted in {@link IndexStats#nothingToClear()}, not as a failure. Clears share the
   * batches, retries, spool and {@link #checkpoint()} of {@link #add}, in order with the adds.
   *
   * @throws IllegalArgumentException when the item is flagged (use {@link #add})
   * @throws IllegalStateException when the indexer is closed
   */
  public void clear(FlaggedItem item) throws IndexerException {
    Objects.requireNonNull(item, "item");
    if (item.classification().flagged()) {
      throw new IllegalArgumentException("item " + item.id() + " is flagged: add it, not clear it");
    }
    engine.clear(item);
  }

  /**
   * Queues the gone mark of a page the crawl state knew that now answers 404 or 410: the document
   * its content was indexed under ({@link GonePage#documentId()}, the id of its canonical URL), if
   * any, gets {@code vigil.gone_at} (the fetch time) and {@code vigil.http_status}; its flagged
   * state, text, evidence and analyst review are kept, and a later {@link #add} or {@link #clear}
   * of the page removes the mark. No document is created: a missing one is counted in {@link
   * IndexStats#nothingToMarkGone()}, not as a failure. Marks share the batches, retries, spool and
   * {@link #checkpoint()} of {@link #add}, in order with the adds.
   *
   * @throws IllegalStateException when the indexer is closed
   */
  public void markGone(GonePage page) throws IndexerException {
    engine.markGone(Objects.requireNonNull(page, "page"));
  }

  /**
   * Queues the record of a verbatim copy (a page the crawler did not hand on because its text is an
   * exact copy of one it did) in the copies index, where spread tracking ({@link
   * SpreadTracker#update()}) makes it an appearance of the cluster of the page it copies. Shares
   * the batches, retries, spool and {@link #checkpoint()} of {@link #add}; a repeated copy stays
   * one document.
   *
   * @throws IllegalStateException when the indexer is closed
   */
  public void addCopy(CopiedPage page) throws IndexerException {
    engine.addCopy(Objects.requireNonNull(page, "page"));
  }

  /**
   * Returns when every item added so far is acknowledged by Elasticsearch (or rejected permanently,
   * see {@link IndexStats#failures()}) or fsynced to the spool.
   *
   * @throws IndexerException when items could neither be indexed nor spooled (no spool configured,
   *     or the spool cannot be written)
   */
  public void checkpoint() throws IndexerException {
    engine.checkpoint();
  }

  /**
   * Replays the spool now, oldest first; each segment is deleted once all its items are
   * acknowledged.
   *
   * @return the number of items replayed (0 when the spool is empty)
   * @throws IndexerException when Elasticsearch is unavailable or keeps failing; the spool keeps
   *     what was not replayed
   */
  public long replaySpool() throws IndexerException {
    return engine.replay();
  }

  /** Items waiting in the spool now. */
  public long spoolSize() {
    return engine.spoolPending();
  }

  /** Counters so far. */
  public IndexStats stats() {
    return engine.stats();
  }

  /**
   * Flushes, waits for every request (what cannot be indexed is spooled), releases the spool and
   * returns the final counters. Idempotent. ({@link #close()} does the same for try-with-resources;
   * {@code AutoCloseable.close()} cannot return the counters.)
   *
   * @throws IndexerException when items could neither be indexed nor spooled
   */
  public synchronized IndexStats finish() throws IndexerException {
    if (closedStats == null) {
      try {
        engine.close();
      } finally {
        closedStats = engine.stats();
      }
    }
    return closedStats;
  }

  /** Same as {@link #finish()}, for try-with-resources. */
  @Override
  public void close() throws IndexerException {
    finish();
  }
}
