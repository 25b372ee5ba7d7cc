package org.vigil.indexer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.indexer.IndexStats;
import org.vigil.indexer.IndexStats.IndexFailure;

/**
 * What became of a {@link BulkEngine}'s operations: how many were queued, acknowledged, spooled,
 * replayed, retried or failed, and the first failures with their reasons. Thread-safe; the engine
 * increments the counters of its own steps directly and reports per-item outcomes through {@link
 * #acknowledged} and {@link #failed}.
 */
final class BulkCounters {
  // the engine's log category, so existing log settings keep applying
  private static final Logger LOG = LoggerFactory.getLogger(BulkEngine.class);
  private static final int MAX_FAILURES_KEPT = 1000;

  final AtomicLong added = new AtomicLong();
  final AtomicLong clears = new AtomicLong();
  final AtomicLong nothingToClear = new AtomicLong();
  final AtomicLong nothingToMarkGone = new AtomicLong();
  final AtomicLong spooled = new AtomicLong();
  final AtomicLong replayed = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong cleared = new AtomicLong();
  private final AtomicLong markedGone = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<IndexFailure> failures = new ArrayList<>();

  /** Elasticsearch acknowledged {@code op}. */
  void acknowledged(BulkOp op) {
    switch (op.kind()) {
      case UPDATE -> indexed.incrementAndGet();
      case CLEAR -> cleared.incrementAndGet();
      case GONE -> markedGone.incrementAndGet();
      case COPY, COPY_GONE -> {} // copies are counted by spread tracking, not as indexed items
    }
  }

  /** Elasticsearch rejected {@code op} for good (a copy's gone mark is only logged). */
  void failed(BulkOp op, String reason) {
    if (op.kind() == BulkOp.Kind.COPY_GONE) {
      LOG.warn("cannot mark copy {} ({}) gone: {}", op.id(), op.url(), reason);
      return;
    }
    failed.incrementAndGet();
    LOG.warn("Elasticsearch rejected item {} ({}): {}", op.id(), op.url(), reason);
    synchronized (failures) {
      if (failures.size() < MAX_FAILURES_KEPT) {
        failures.add(new IndexFailure(op.id(), op.url(), reason));
      }
    }
  }

  /** The counters so far. */
  IndexStats stats() {
    List<IndexFailure> copy;
    synchronized (failures) {
      copy = List.copyOf(failures);
    }
    return new IndexStats(
        added.get(),
        indexed.get(),
        spooled.get(),
        replayed.get(),
        failed.get(),
        retried.get(),
        copy,
        clears.get(),
        cleared.get(),
        nothingToClear.get(),
        markedGone.get(),
        nothingToMarkGone.get());
  }
}
