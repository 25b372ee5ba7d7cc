package org.vigil.indexer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.indexer.IndexerOptions;

/**
 * Sends bulk operations to Elasticsearch and sorts out each item's result: acknowledged items are
 * done; a clear or gone mark answered 404 {@code document_missing_exception} had nothing to do;
 * items rejected with 429, 409, 404 (no alias) or 5xx are retried with exponential backoff, like a
 * request that cannot be sent; other rejections (mapping errors) are permanent failures. A request
 * too large for the cluster (413) is split in halves. Outcomes go to the {@link BulkCounters}; what
 * is still not acknowledged after the last retry goes back to the caller, which spools it.
 * Thread-safe: the {@link BulkEngine}'s senders and its spool replay share one.
 */
final class BulkSender {
  // the engine's log category, so existing log settings keep applying
  private static final Logger LOG = LoggerFactory.getLogger(BulkEngine.class);
  private static final String BULK_ENDPOINT =
      "/_bulk?require_alias=true"
          + "&filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason";

  private final EsConnection es;
  private final IndexerOptions options;
  private final BulkCounters counters;
  private volatile String lastReason = "";

  BulkSender(EsConnection es, IndexerOptions options, BulkCounters counters) {
    this.es = es;
    this.options = options;
    this.counters = counters;
  }

  /** Why the latest request or item was not acknowledged, for the messages of those left over. */
  String lastReason() {
    return lastReason;
  }

  /**
   * Sends entries until each is acknowledged or failed permanently, retrying what is retryable.
   *
   * @return the entries still not acknowledged after the last retry
   */
  List<BulkOp> send(List<BulkOp> entries) {
    List<BulkOp> pending = entries;
    for (int attempt = 0; ; attempt++) {
      pending = sendOnce(pending);
      if (pending.isEmpty() || attempt >= options.maxRetries()) {
        return pending;
      }
      counters.retried.addAndGet(BulkOp.counted(pending));
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
}
