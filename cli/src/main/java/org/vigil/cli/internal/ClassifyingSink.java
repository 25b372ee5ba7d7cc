package org.vigil.cli.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.ItemIndexer;
import org.vigil.model.Categories;
import org.vigil.model.Classification;
import org.vigil.model.CopiedPage;
import org.vigil.model.CrawledPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;
import org.vigil.model.PageSink;

/**
 * Classifies each page of one crawl and hands flagged ones to the indexer. A re-crawled page (one
 * the crawl state fetched before) that is not flagged any more is handed on as a clear: its old
 * document, if an earlier run flagged it, must stop showing as flagged. Brand-new unflagged pages
 * cost nothing: they cannot have a document. A known page that answers 404/410 now is marked gone.
 *
 * <p>Counts what it handed on, so that the {@link Pipeline} can tell the run's share of the
 * indexer's counters (several crawls may share the indexer).
 */
final class ClassifyingSink implements PageSink {
  /** Makes everything handed to the indexer so far durable (the pipeline's checkpoint). */
  @FunctionalInterface
  interface Checkpoint {
    void run() throws IndexerException;
  }

  private final String sourceId;
  private final ExtremismCategorizer categorizer;
  private final ItemIndexer indexer;
  private final Metrics metrics;
  private final Consumer<FlaggedItem> onFlagged;
  private final boolean clearEveryUnflagged;
  private final Checkpoint checkpoint;
  private final AtomicLong fetched = new AtomicLong();
  private final AtomicLong flagged = new AtomicLong();
  private final AtomicLong clears = new AtomicLong();
  private final AtomicLong gones = new AtomicLong();
  private final AtomicLong unsupportedLanguage = new AtomicLong();

  /**
   * A sink for one crawl of {@code sourceId} with {@code categorizer} (the model the crawl started
   * with). {@code onFlagged} is also told every flagged item; with {@code clearEveryUnflagged},
   * every unflagged page is cleared, not only re-crawled ones (see {@link
   * Pipeline#clearEveryUnflagged}).
   */
  ClassifyingSink(
      String sourceId,
      ExtremismCategorizer categorizer,
      ItemIndexer indexer,
      Metrics metrics,
      Consumer<FlaggedItem> onFlagged,
      boolean clearEveryUnflagged,
      Checkpoint checkpoint) {
    this.sourceId = sourceId;
    this.categorizer = categorizer;
    this.indexer = indexer;
    this.metrics = metrics;
    this.onFlagged = onFlagged;
    this.clearEveryUnflagged = clearEveryUnflagged;
    this.checkpoint = checkpoint;
  }

  @Override
  public void accept(CrawledPage page) throws Exception {
    fetched.incrementAndGet();
    metrics.pageFetched(sourceId);
    long t0 = System.nanoTime();
    Classification c = categorizer.categorize(page.content());
    metrics.classifyTime(System.nanoTime() - t0);
    if (c.category().equals(Categories.UNSUPPORTED_LANGUAGE)) {
      unsupportedLanguage.incrementAndGet(); // never flagged; cleared below when recrawled
      metrics.unsupportedLanguage(sourceId);
    }
    if (c.flagged()) {
      flagged.incrementAndGet();
      metrics.flagged(sourceId);
      long t1 = System.nanoTime();
      FlaggedItem item = FlaggedItem.of(page, c);
      indexer.add(item);
      onFlagged.accept(item);
      metrics.indexAddTime(System.nanoTime() - t1);
    } else if (page.recrawled() || clearEveryUnflagged) {
      clears.incrementAndGet();
      metrics.cleared(sourceId);
      long t1 = System.nanoTime();
      indexer.clear(FlaggedItem.of(page, c));
      metrics.indexAddTime(System.nanoTime() - t1);
    }
  }

  /**
   * A page the crawl state knew that answers 404/410 now: its document, if an earlier run flagged
   * it, is marked gone (kept, with what was seen), so analysts see content disappear.
   */
  @Override
  public void gone(GonePage page) throws Exception {
    gones.incrementAndGet();
    metrics.gone(sourceId);
    indexer.markGone(page);
  }

  /** A verbatim copy the crawler did not hand on: an appearance for spread tracking. */
  @Override
  public void copy(CopiedPage page) throws Exception {
    indexer.addCopy(page);
  }

  @Override
  public void checkpoint() throws Exception {
    checkpoint.run();
  }

  /** Pages classified. */
  long fetched() {
    return fetched.get();
  }

  /** Flagged items handed to the indexer. */
  long flagged() {
    return flagged.get();
  }

  /** Clears handed to the indexer. */
  long clears() {
    return clears.get();
  }

  /** Gone marks handed to the indexer. */
  long gones() {
    return gones.get();
  }

  /** Pages in a language the model does not support. */
  long unsupportedLanguage() {
    return unsupportedLanguage.get();
  }
}
