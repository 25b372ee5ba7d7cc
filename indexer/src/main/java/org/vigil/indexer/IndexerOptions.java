package org.vigil.indexer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link ItemIndexer}. Start from {@link #defaults(Path)} and adjust with the {@code
 * with...} methods.
 *
 * @param spoolDir where items go when Elasticsearch is unreachable or keeps failing; {@code null}
 *     for no spool (then such items count as failed and {@link ItemIndexer#checkpoint()} throws)
 * @param flushCount send a bulk request once this many items are buffered
 * @param flushBytes send a bulk request once the buffered request body reaches this many bytes
 * @param flushInterval send what is buffered at least this often
 * @param concurrency bulk requests in flight at most; {@link ItemIndexer#add} blocks beyond that
 * @param maxRetries retries of a rejected (429/5xx) or unsent request before spooling its items
 * @param initialBackoff first retry delay, doubled on each retry
 * @param maxBackoff upper bound of a retry delay
 * @param probeInterval how often a spooling indexer checks whether the cluster is back
 */
public record IndexerOptions(
    Path spoolDir,
    int flushCount,
    long flushBytes,
    Duration flushInterval,
    int concurrency,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration probeInterval) {
  public IndexerOptions {
    positive(flushCount, "flushCount");
    positive(flushBytes, "flushBytes");
    positive(concurrency, "concurrency");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    positive(flushInterval, "flushInterval");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    positive(probeInterval, "probeInterval");
  }

  /**
   * Defaults: 1000 items or 5 MB per request, flushed every second, 2 requests in flight, 5 retries
   * from 200 ms up to 10 s, cluster probed every 5 s while spooling.
   */
  public static IndexerOptions defaults(Path spoolDir) {
    return new IndexerOptions(
        spoolDir,
        1000,
        5L * 1024 * 1024,
        Duration.ofSeconds(1),
        2,
        5,
        Duration.ofMillis(200),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5));
  }

  public IndexerOptions withSpoolDir(Path dir) {
    return new IndexerOptions(
        dir,
        flushCount,
        flushBytes,
        flushInterval,
        concurrency,
        maxRetries,
        initialBackoff,
        maxBackoff,
        probeInterval);
  }

  public IndexerOptions withFlush(int count, long bytes, Duration interval) {
    return new IndexerOptions(
        spoolDir,
        count,
        bytes,
        interval,
        concurrency,
        maxRetries,
        initialBackoff,
        maxBackoff,
        probeInterval);
  }

  public IndexerOptions withConcurrency(int requests) {
    return new IndexerOptions(
        spoolDir,
        flushCount,
        flushBytes,
        flushInterval,
        requests,
        maxRetries,
        initialBackoff,
        maxBackoff,
        probeInterval);
  }

  public IndexerOptions withRetries(int retries, Duration initial, Duration max) {
    return new IndexerOptions(
        spoolDir,
        flushCount,
        flushBytes,
        flushInterval,
        concurrency,
        retries,
        initial,
        max,
        probeInterval);
  }

  public IndexerOptions withProbeInterval(Duration interval) {
    return new IndexerOptions(
        spoolDir,
        flushCount,
        flushBytes,
        flushInterval,
        concurrency,
        maxRetries,
        initialBackoff,
        maxBackoff,
        interval);
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }
}
