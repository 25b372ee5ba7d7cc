package org.vigil.indexer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.indexer.IndexStats;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.UnsupportedServerException;
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
  private static final String BULK_ENDPOINT =
      "/_bulk?require_alias=true"
          + "&filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason";

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
    BulkOp entry = BulkOp.gone(page, Docs.bulkGone(index, page));
    queue(entry, spooling ? entry.spoolLine() : null, null);
    if (copiesIndex != null) { // the page may have been recorded as a copy: mark that one too
      queue(copyGone(page), null, null);
    }
  }

  /** The gone mark of {@code page} in the copies index, should it have been recorded as a copy. */
  private BulkOp copyGone(GonePage page) {
    return BulkOp.copyGone(page, Docs.bulkGone(copiesIndex, page));
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
    BulkOp entry = BulkOp.copy(page, Docs.bulkCopy(copiesIndex, page));
    queue(entry, spooling ? entry.spoolLine() : null, null);
  }

  private void queue(FlaggedItem item, boolean clear) throws IndexerException {
    // Serialized here, outside the lock: callers' threads share the JSON work.
    byte[] op = itemOp(item, clear);
    byte[] line = spooling ? Json.spoolLine(item, clear) : null; // racy read: only a hint
    queue(BulkOp.of(item, clear, op), line, clear ? counters.clears : counters.added);
  }

  /** The bulk operation of an item: its update, or the clear of its document. */
  private byte[] itemOp(FlaggedItem item, boolean clear) {
    return clear ? Docs.bulkClear(index, item) : Docs.bulkUpdate(index, item, Instant.now());
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
      String down = probe();
      if (down != null) {
        throw new IndexerException(
            "cannot replay spool "
                + spool.dir()
                + ": Elasticsearch at "
                + es.settings().urlList()
                + " is unavailable ("
                + down
                + ")");
      }
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
          total += replaySegment(segment);
        }
      }
    }
  }

  private long replaySegment(Path segment) throws IndexerException {
    List<BulkOp> chunk = new ArrayList<>();
    long[] bytes = {0};
    long[] count = {0};
    long[] lines = {0};
    try {
      SpoolStore.readLines(
          segment,
          line -> {
            if (line.isBlank()) {
              return;
            }
            lines[0]++;
            Json.SpoolEntry spooled;
            try {
              spooled = Json.parseSpoolLine(line);
            } catch (RuntimeException e) {
              LOG.warn("skipping unreadable line in spool segment {}: {}", segment, e.getMessage());
              return;
            }
            FlaggedItem item = spooled.item();
            BulkOp entry =
                spooled.gone() != null
                    ? BulkOp.gone(spooled.gone(), Docs.bulkGone(index, spooled.gone()))
                    : spooled.copy() != null
                        ? BulkOp.copy(spooled.copy(), Docs.bulkCopy(copiesIndex, spooled.copy()))
                        : BulkOp.of(item, spooled.clear(), itemOp(item, spooled.clear()));
            chunk.add(entry);
            if (spooled.gone() != null && copiesIndex != null) {
              chunk.add(copyGone(spooled.gone()));
            }
            bytes[0] += entry.op().length;
            count[0]++;
            if (chunk.size() >= options.flushCount() || bytes[0] >= options.flushBytes()) {
              sendReplayChunk(segment, chunk);
              chunk.clear();
              bytes[0] = 0;
            }
          });
      if (!chunk.isEmpty()) {
        sendReplayChunk(segment, chunk);
      }
      synchronized (lock) {
        spool.delete(segment, lines[0]);
      }
    } catch (ReplayStopped e) {
      throw new IndexerException(e.getMessage());
    } catch (IOException e) {
      throw new IndexerException("cannot replay spool segment " + segment + ": " + e, e);
    }
    counters.replayed.addAndGet(count[0]);
    LOG.info("replayed {} items from {}", count[0], segment.getFileName());
    return count[0];
  }

  private void sendReplayChunk(Path segment, List<BulkOp> chunk) throws ReplayStopped {
    List<BulkOp> left = sendWithRetries(new ArrayList<>(chunk));
    if (!left.isEmpty()) {
      throw new ReplayStopped(
          "replay of "
              + segment
              + " stopped: Elasticsearch at "
              + es.settings().urlList()
              + " keeps failing ("
              + lastReason
              + ")");
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
              List<BulkOp> left = sendWithRetries(batch.entries);
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

  private volatile String lastReason = "";

  /**
   * Sends entries until each is acknowledged or failed permanently, retrying what is retryable.
   *
   * @return the entries still not acknowledged after the last retry
   */
  private List<BulkOp> sendWithRetries(List<BulkOp> entries) {
    List<BulkOp> pending = entries;
    for (int attempt = 0; ; attempt++) {
      pending = sendOnce(pending);
      if (pending.isEmpty() || attempt >= options.maxRetries()) {
        return pending;
      }
      counters.retried.addAndGet(counted(pending));
      sleep(backoff(attempt));
    }
  }

  /** One bulk request; returns the entries to retry. */
  private List<BulkOp> sendOnce(List<BulkOp> entries) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(bytesOf(entries));
    for (BulkOp e : entries) {
      body.writeBytes(e.op());
    }
    JsonNode answer;
    try {
      answer = es.json("POST", BULK_ENDPOINT, body.toByteArray());
    } catch (EsConnection.EsHttpException e) {
      lastReason = es.describe(e);
      if (e.status() == 413) {
        return splitOrFail(entries, lastReason);
      }
      // 400 for a whole bulk request means Vigil built it wrong: retrying cannot help, but the
      // items are fine, so they still go to the spool for a later replay.
      LOG.debug("bulk request rejected: {}", lastReason);
      return entries;
    } catch (IOException e) {
      lastReason = es.describe(e);
      LOG.debug("bulk request not sent: {}", lastReason);
      return entries;
    }
    if (!answer.path("errors").asBoolean(true)) {
      entries.forEach(counters::acknowledged);
      return List.of();
    }
    JsonNode items = answer.path("items");
    List<BulkOp> retry = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode result = items.path(i).elements().hasNext() ? items.path(i).elements().next() : null;
      int status = result == null ? 0 : result.path("status").asInt();
      if (status >= 200 && status < 300) {
        counters.acknowledged(entries.get(i));
      } else if (status == 404 && entries.get(i).kind() == BulkOp.Kind.COPY_GONE) {
        continue; // not recorded as a copy (or no copies index): the item's operation tells
      } else if (status == 404
          && entries.get(i).kind() == BulkOp.Kind.GONE
          && "document_missing_exception".equals(result.path("error").path("type").asText())) {
        // The page that disappeared was never flagged: nothing to mark.
        counters.nothingToMarkGone.incrementAndGet();
      } else if (status == 404
          && entries.get(i).kind() == BulkOp.Kind.CLEAR
          && "document_missing_exception".equals(result.path("error").path("type").asText())) {
        // The page was never flagged (or its document was deleted): nothing to take back.
        counters.nothingToClear.incrementAndGet();
      } else if (status == 0 || status == 429 || status == 409 || status == 404 || status >= 500) {
        // 404: the alias is missing (setup not run, index deleted); require_alias keeps
        // Elasticsearch from auto-creating an unmapped index, and the items end up spooled.
        retry.add(entries.get(i));
        lastReason =
            result == null ? "no result for item" : "HTTP " + status + " " + reason(result);
      } else {
        counters.failed(entries.get(i), "HTTP " + status + " " + reason(result));
      }
    }
    return retry;
  }

  /** The entries that count as items (a copy's gone mark rides along with its page's). */
  private static long counted(List<BulkOp> entries) {
    return entries.stream().filter(e -> e.kind() != BulkOp.Kind.COPY_GONE).count();
  }

  private List<BulkOp> splitOrFail(List<BulkOp> entries, String reason) {
    if (entries.size() == 1) {
      counters.failed(entries.get(0), reason);
      return List.of();
    }
    int half = entries.size() / 2;
    List<BulkOp> left = new ArrayList<>(sendOnce(entries.subList(0, half)));
    left.addAll(sendOnce(entries.subList(half, entries.size())));
    return left;
  }

  private static String reason(JsonNode result) {
    JsonNode error = result.path("error");
    String line = error.path("type").asText() + ": " + error.path("reason").asText();
    line = line.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private void spoolOrFail(List<BulkOp> entries) {
    synchronized (lock) {
      if (spool == null) {
        unsentWithoutSpool += counted(entries);
        lastUnsentReason = lastReason;
        LOG.warn(
            "{} items could not be indexed and no spool is configured: {}",
            counted(entries),
            lastReason);
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
              lastReason,
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

  /** Null when the cluster answers a health request and is supported, else why not. */
  private String probe() {
    try {
      JsonNode health = es.json("GET", "/_cluster/health?timeout=5s", null);
      String status = health.path("status").asText();
      if ("red".equals(status)) {
        return "cluster health is red";
      }
      // What came back at the URL may not be what was there before: never replay into it then.
      ServerCheck.version(es);
      return null;
    } catch (UnsupportedServerException e) {
      return e.getMessage();
    } catch (IOException e) {
      return es.describe(e);
    }
  }

  private long backoff(int attempt) {
    long base = options.initialBackoff().toMillis() << Math.min(attempt, 20);
    long capped = Math.min(base, options.maxBackoff().toMillis());
    // Jitter keeps several indexers from retrying in lockstep.
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int bytesOf(List<BulkOp> entries) {
    long n = 0;
    for (BulkOp e : entries) {
      n += e.op().length;
    }
    return (int) Math.min(n, Integer.MAX_VALUE - 8);
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

  private static final class ReplayStopped extends IOException {
    private static final long serialVersionUID = 1L;

    ReplayStopped(String message) {
      super(message);
    }
  }
}
