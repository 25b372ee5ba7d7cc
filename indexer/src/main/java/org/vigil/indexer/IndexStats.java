package org.vigil.indexer;

import java.util.List;

/**
 * Counters of an {@link ItemIndexer}.
 *
 * @param added items handed to {@link ItemIndexer#add}
 * @param indexed items acknowledged by Elasticsearch (directly or replayed from the spool)
 * @param spooled items written to the on-disk spool
 * @param replayed spooled items later acknowledged by Elasticsearch (also counted in indexed)
 * @param failed items Elasticsearch rejected permanently (e.g. mapping errors), see {@code
 *     failures}
 * @param retried bulk requests or items sent again after a rejection or connection error
 * @param failures the first permanent failures (at most 1000), each with document id and reason
 * @param clears items handed to {@link ItemIndexer#clear}
 * @param cleared clears acknowledged by Elasticsearch: a flagged document now marked cleared
 * @param nothingToClear clears Elasticsearch answered with {@code document_missing} (the page had
 *     no document: nothing to take back); not failures
 * @param markedGone gone marks ({@link ItemIndexer#markGone}) acknowledged by Elasticsearch: an
 *     existing document now carries {@code gone_at}
 * @param nothingToMarkGone gone marks Elasticsearch answered with {@code document_missing} (the
 *     page had no document); not failures
 */
public record IndexStats(
    long added,
    long indexed,
    long spooled,
    long replayed,
    long failed,
    long retried,
    List<IndexFailure> failures,
    long clears,
    long cleared,
    long nothingToClear,
    long markedGone,
    long nothingToMarkGone) {
  public IndexStats {
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /**
   * One item Elasticsearch rejected permanently.
   *
   * @param id the document id
   * @param url the item's canonical URL
   * @param reason Elasticsearch's error type and reason, one line
   */
  public record IndexFailure(String id, String url, String reason) {}
}
