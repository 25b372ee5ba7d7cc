package org.vigil.indexer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.spread.Reads;
import org.vigil.indexer.internal.spread.Tracker;

/**
 * Spread tracking: clusters of near-duplicate flagged content across hosts and time (see ADR 0004).
 * Obtain one from {@link VigilIndex#spread()}. Thread-safe; one {@link #update()} runs at a time.
 *
 * <p>Each flagged item gets {@code vigil.cluster.id}; each cluster has a document in {@code
 * PREFIX-clusters} with its first appearance, host and item counts, last seen, gone copies and
 * daily counts. Verbatim copies the crawler did not classify again ({@link ItemIndexer#addCopy})
 * are appearances of the cluster of the page they copy.
 */
public final class SpreadTracker {
  private final EsConnection es;
  private final Tracker tracker;
  private final Reads reads;

  SpreadTracker(EsConnection es, String itemsAlias, String prefix) {
    this(es, new Tracker(es, itemsAlias, prefix), new Reads(es, itemsAlias, prefix));
  }

  SpreadTracker(EsConnection es, Tracker tracker, Reads reads) {
    this.es = es;
    this.tracker = tracker;
    this.reads = reads;
  }

  /**
   * Clusters what arrived since the last update (new, replayed or re-indexed items, new copies) and
   * recomputes the counts of every cluster that changed. Incremental: nothing clustered before is
   * read again. Idempotent: counts are derived from the appearances, never incremented.
   */
  public SpreadUpdate update() throws IndexerException {
    try {
      return tracker.update();
    } catch (IOException | RuntimeException e) {
      throw failure("update spread clusters", e);
    }
  }

  /** Clusters seen within {@code query.since()}, fastest-growing first. */
  public List<SpreadCluster> clusters(SpreadQuery query, Instant now) throws IndexerException {
    Objects.requireNonNull(query, "query");
    try {
      return reads.clusters(query, now);
    } catch (IOException e) {
      throw failure("list spread clusters", e);
    }
  }

  /** One cluster by id. */
  public Optional<SpreadCluster> cluster(String id) throws IndexerException {
    try {
      return reads.cluster(Objects.requireNonNull(id, "id"));
    } catch (IOException e) {
      throw failure("read cluster " + id, e);
    }
  }

  /** Every appearance of a cluster (up to 10,000), oldest first. */
  public List<Appearance> appearances(String clusterId) throws IndexerException {
    try {
      return reads.appearances(Objects.requireNonNull(clusterId, "clusterId"));
    } catch (IOException e) {
      throw failure("read the appearances of cluster " + clusterId, e);
    }
  }

  /**
   * Items sharing a passage with the item {@code id}, most similar first.
   *
   * @return empty when no flagged item has this id
   */
  public Optional<List<SimilarItem>> similar(String id, int limit) throws IndexerException {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be within [1, 1000], was " + limit);
    }
    try {
      return reads.similar(Objects.requireNonNull(id, "id"), limit);
    } catch (IOException e) {
      throw failure("find items like " + id, e);
    }
  }

  /**
   * Aggregate figures of the items flagged now and seen within {@code since} before {@code now},
   * for the analyst report.
   */
  public Overview overview(java.time.Duration since, Instant now) throws IndexerException {
    try {
      return reads.overview(Objects.requireNonNull(since, "since"), now);
    } catch (IOException e) {
      throw failure("aggregate flagged items", e);
    }
  }

  private IndexerException failure(String what, Exception e) {
    return new IndexerException(
        "cannot " + what + " at " + es.settings().urlList() + ": " + es.describe(e), e);
  }
}
