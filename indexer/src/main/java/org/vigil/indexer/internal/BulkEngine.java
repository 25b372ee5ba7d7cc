package org.vigil.indexer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.indexer.IndexStats;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.model.CopiedPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;

/**
 * Vigil's bulk indexer. Items are serialized once, in the caller's thread, into NDJSON update
 * operations and buffered; a full buffer (count or bytes) or the flush timer sends it as one {@code
 * _bulk} request on a bounded pool. When all permits are taken, {@link #add} blocks: that is the
 * backpressure that reaches the crawler.
 *
 * <p>Each response is checked per item: acknowledged items are done, items rejected with 429, 409
 * or 5xx are retried with exponential backoff, other rejections (mapping errors) are permanent
 * failures, reported with id and reason, that never hold back the rest. A request that cannot be
 * sent (connection refused, timeout, 429/5xx for the whole request) is retried the same way. What
 * is still not acknowledged after the last retry goes to the spool, and from then on the engine
 * spools every new item too (keeping their order) until a probe finds the cluster back and the
 * spool has been replayed.
 *
 * <p>Clears ({@link #clear}) travel the same way, in order with the adds; the one difference is
 * that a clear answered 404 {@code document_missing_exception} is done (nothing to clear), while
 * any other 404 (no alias) is retried like an add's. Gone marks ({@link #markGone}) likewise.
 */
public final class BulkEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BulkEngine.class);

  private final EsConnection es;
  private final String index;
  private final String copiesIndex;
  private final IndexerOptions options;
  private final SpoolStore spool;
  private final ExecutorService senders;
  private final ScheduledExecutorService timer;
  private final Semaphore permits;
  private final Object lock = new Object();
  private final Object replayLock = new Object();

  // Guarded by lock.
  private Batch current = new Batch();
  private long nextSeq = 1;
  private final TreeSet<Long> inFlight = new TreeSet<>();
  private volatile boolean spooling; // written under lock
  private long nextProbeMillis;
  private long unsentWithoutSpool;
  private String lastUnsentReason = "";
  private boolean closed;

  private final BulkCounters counters = new BulkCounters();
  private final BulkSender sender;
  private final SpoolReplay replayer; // null without a spool

  public BulkEngine(EsConnection es, String index, IndexerOptions options) throws IndexerException {
    this(es, index, null, options);
  }

  /** An engine that also records verbatim copies ({@link #addCopy}) in {@code copiesIndex}. */
  public BulkEngine(EsConnection es, String index, String copiesIndex, IndexerOptions options)
      throws IndexerException {
    this.es = es;
    this.index = index;
    this.copiesIndex = copiesIndex;
    this.options = options;
    Path dir = options.spoolDir();
    this.spool = dir == null ? null : SpoolStore.open(dir);
    this.sender = new BulkSender(es, options, counters);
    this.replayer =
        spool == null
            ? null
            : new SpoolReplay(es, index, copiesIndex, options, spool, lock, sender, counters);
    this.permits = new Semaphore(options.concurrency());
    AtomicInteger n = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            options.concurrency(), r -> daemon(r, "vigil-bulk-" + n.incrementAndGet()));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-bulk-timer"));
    if (spool != null && spool.pending() > 0) {
      // Items left by an earlier run go first: keep spooling until they are replayed.
      spooling = true;
      // The first automatic replay waits one probe interval, leaving an explicit replay() (vigil
      // replay) to do the work and report the count.
      nextProbeMillis = System.currentTimeMillis() + options.probeInterval().toMillis();
      LOG.info(
          "spool {} holds {} items from an earlier run; replaying when Elasticsearch answers",
          spool.dir(),
          spool.pending());
    }
    long tick = options.flushInterval().toMillis();
    timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** A daemon thread named {@code name} running {@code r} (an indexer's helper threads). */
  public static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Adds an item; may block while the maximum number of requests is in flight. */
  public void add(FlaggedItem item) throws IndexerException {
    queue(item, false);
  }

  /**
   * Clears the document of an item that is no longer flagged (see {@link Docs#bulkClear}); a
   * missing document is nothing to clear, not a failure. Same batching, retries, spool and
   * checkpoint as {@link #add}; may block likewise.
   */
  public void clear(FlaggedItem item) throws IndexerException {
    queue(item, true);
  }

  /**
   * Marks the document of a page that answers 404/410 now gone (see {@link Docs#bulkGone}); a
   * missing document is nothing to mark, not a failure. Same batching, retries, spool and
   * checkpoint as {@link #add}; may block likewise.
   */
  public void markGone(GonePage page) throws IndexerException {
    BulkOp entry = BulkOp.gone(index, page);
    queue(entry, spooling ? entry.spoolLine() : null, null);
    if (copiesIndex != null) { // the page may have been recorded as a copy: mark that one too
      queue(BulkOp.copyGone(copiesIndex, page), null, null);
    }
  }

  /**
   * Records a verbatim copy in the copies index (see {@link Docs#bulkCopy}), idempotent by its
   * canonical URL. Same batching, retries, spool and checkpoint as {@link #add}.
   *
   * @throws IllegalStateException when the engine has no copies index
   */
  public void addCopy(CopiedPage page) throws IndexerException {
    if (copiesIndex == null) {
      throw new IllegalStateException("this indexer records no copies");
    }
    BulkOp entry = BulkOp.copy(copiesIndex, page);
    queue(entry, spooling ? entry.spoolLine() : null, null);
  }

  private void queue(FlaggedItem item, boolean clear) throws IndexerException {
    // Serialized here, outside the lock: callers' threads share the JSON work.
    BulkOp entry = BulkOp.of(index, item, clear);
    byte[] line = spooling ? Json.spoolLine(item, clear) : null; // racy read: only a hint
    queue(entry, line, clear ? counters.clears : counters.added);
  }

  private void queue(BulkOp entry, byte[] line, AtomicLong counter) throws IndexerException {
    Batch full = null;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("indexer is closed");
      }
      if (counter != null) {
        counter.incrementAndGet();
      }
      if (spooling) {
        if (entry.kind() != BulkOp.Kind.COPY_GONE) {
          spoolLocked(List.of(line != null ? line : entry.spoolLine()), false);
        }
        return;
      }
      current.add(entry);
      if (current.count() >= options.flushCount() || current.bytes >= options.flushBytes()) {
        full = takeLocked();
      }
    }
    if (full != null) {
      submit(full);
    }
  }

  /**
   * Returns when every item added before the call is acknowledged by Elasticsearch, failed
   * permanently, or fsynced to the spool.
   */
  public void checkpoint() throws IndexerException {
    Batch batch;
    long target;
    synchronized (lock) {
      batch = current.count() > 0 ? takeLocked() : null;
      target = nextSeq - 1;
    }
    if (batch != null) {
      submit(batch);
    }
    synchronized (lock) {
      while (!inFlight.isEmpty() && inFlight.first() <= target) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IndexerException("interrupted while waiting for Elasticsearch");
        }
      }
      if (spool != null) {
        try {
          spool.sync();
        } catch (IOException e) {
          throw new IndexerException(
              "cannot fsync spool " + spool.dir() + ": " + e.getMessage(), e);
        }
      }
      if (unsentWithoutSpool > 0) {
        long n = unsentWithoutSpool;
        unsentWithoutSpool = 0;
        throw new IndexerException(
            n
                + " items could not be indexed into "
                + es.settings().urlList()
                + (spool == null ? " and no spool is configured: " : " nor spooled: ")
                + lastUnsentReason);
      }
    }
  }

  /**
   * Sends the spool's items to Elasticsearch now, oldest first, deleting each segment once every
   * item of it is acknowledged (or failed permanently).
   *
   * @return the items replayed
   * @throws IndexerException when the cluster does not answer or keeps rejecting
   */
  public long replay() throws IndexerException {
    if (spool == null) {
      return 0;
    }
    synchronized (replayLock) {
      synchronized (lock) {
        if (!spooling && spool.pending() == 0) {
          return 0; // nothing to replay: no need to reach the cluster
        }
      }
      replayer.checkAvailable();
      long total = 0;
      while (true) {
        List<Path> segments;
        synchronized (lock) {
          try {
            segments = spool.rotate();
          } catch (IOException e) {
            throw new IndexerException("cannot rotate spool " + spool.dir() + ": " + e, e);
          }
          if (segments.isEmpty()) {
            if (spooling) {
              LOG.info("spool {} replayed; indexing directly again", spool.dir());
            }
            spooling = false;
            return total;
          }
        }
        for (Path segment : segments) {
          total += replayer.replay(segment);
        }
      }
    }
  }

  /** Counters so far. */
  public IndexStats stats() {
    return counters.stats();
  }

  /** Items in the spool now. */
  public long spoolPending() {
    synchronized (lock) {
      return spool == null ? 0 : spool.pending();
    }
  }

  /** Flushes, waits for every request, stops the threads and releases the spool. */
  @Override
  public void close() throws IndexerException {
    IndexerException failure = null;
    try {
      checkpoint();
    } catch (IndexerException e) {
      failure = e;
    }
    synchronized (lock) {
      closed = true;
    }
    timer.shutdown();
    senders.shutdown();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
      senders.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (spool != null) {
      synchronized (lock) {
        try {
          spool.close();
        } catch (IOException e) {
          failure = new IndexerException("cannot close spool " + spool.dir() + ": " + e, e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  // ---- sending ----

  private Batch takeLocked() {
    Batch batch = current;
    batch.seq = nextSeq++;
    inFlight.add(batch.seq);
    current = new Batch();
    return batch;
  }

  private void submit(Batch batch) {
    permits.acquireUninterruptibly();
    try {
      senders.execute(
          () -> {
            try {
              List<BulkOp> left = sender.send(batch.entries);
              if (!left.isEmpty()) {
                spoolOrFail(left);
              }
            } catch (RuntimeException e) {
              LOG.error("bulk request failed unexpectedly; spooling its items", e);
              spoolOrFail(batch.entries);
            } finally {
              permits.release();
              complete(batch.seq);
            }
          });
    } catch (RuntimeException e) {
      permits.release();
      complete(batch.seq);
      throw e;
    }
  }

  private void complete(long seq) {
    synchronized (lock) {
      inFlight.remove(seq);
      lock.notifyAll();
    }
  }

  private void spoolOrFail(List<BulkOp> entries) {
    synchronized (lock) {
      if (spool == null) {
        unsentWithoutSpool += BulkOp.counted(entries);
        lastUnsentReason = sender.lastReason();
        LOG.warn(
            "{} items could not be indexed and no spool is configured: {}",
            BulkOp.counted(entries),
            sender.lastReason());
        return;
      }
      // Items buffered but not yet sent were added after the failed ones: they follow them into
      // the spool, so a replay never lets an older version overwrite a newer one.
      List<byte[]> lines = new ArrayList<>(entries.size() + current.entries.size());
      for (List<BulkOp> part : List.of(entries, current.entries)) {
        for (BulkOp e : part) {
          if (e.kind() != BulkOp.Kind.COPY_GONE) {
            lines.add(e.spoolLine());
          }
        }
      }
      current = new Batch();
      try {
        spoolLocked(lines, true);
        if (!spooling) {
          LOG.warn(
              "Elasticsearch at {} unavailable ({}); spooling to {}",
              es.settings().urlList(),
              sender.lastReason(),
              spool.dir());
        }
        spooling = true;
        nextProbeMillis = System.currentTimeMillis() + options.probeInterval().toMillis();
      } catch (IndexerException e) {
        unsentWithoutSpool += lines.size();
        lastUnsentReason = e.getMessage();
        LOG.error("{} items could not be spooled: {}", lines.size(), e.getMessage());
      }
    }
  }

  private void spoolLocked(List<byte[]> lines, boolean sync) throws IndexerException {
    try {
      spool.append(lines);
      if (sync) {
        spool.sync();
      }
      counters.spooled.addAndGet(lines.size());
    } catch (IOException e) {
      throw new IndexerException("cannot write spool " + spool.dir() + ": " + e.getMessage(), e);
    }
  }

  /** Periodic work: send a buffer that waited an interval; replay when the cluster is back. */
  private void tick() {
    try {
      Batch batch = null;
      boolean probe;
      synchronized (lock) {
        // Only a batch that waited a whole interval: a filling one is left to fill up.
        if (current.count() > 0
            && System.nanoTime() - current.startedNanos >= options.flushInterval().toNanos()) {
          batch = takeLocked();
        }
        if (spool != null && spool.pending() > 0) {
          try {
            spool.sync();
          } catch (IOException e) {
            LOG.warn("cannot fsync spool {}: {}", spool.dir(), e.getMessage());
          }
        }
        probe = spooling && System.currentTimeMillis() >= nextProbeMillis;
      }
      if (batch != null) {
        submit(batch);
      }
      if (probe) {
        try {
          replay();
        } catch (IndexerException e) {
          LOG.debug("still spooling: {}", e.getMessage());
          synchronized (lock) {
            nextProbeMillis = System.currentTimeMillis() + options.probeInterval().toMillis();
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.error("indexer timer task failed", e);
    }
  }

  private static final class Batch {
    final List<BulkOp> entries = new ArrayList<>();
    long bytes;
    long seq;
    long startedNanos;

    void add(BulkOp entry) {
      if (entries.isEmpty()) {
        startedNanos = System.nanoTime();
      }
      entries.add(entry);
      bytes += entry.op().length;
    }

    int count() {
      return entries.size();
    }
  }
}
