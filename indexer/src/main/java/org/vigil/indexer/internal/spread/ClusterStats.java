package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vigil.indexer.internal.BulkEngine;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.Json;

/**
 * The last step of a spread pass: recomputes the counts of the clusters with an appearance that
 * changed since the last pass that finished (first appearance, hosts, pages, gone, last seen, new
 * appearances per day) from their appearances in the items and copies indices, and writes them to
 * the clusters' documents. Counts are derived, never incremented, so a repeated pass cannot double
 * them.
 */
final class ClusterStats {
  private static final int STATS_CHUNK = 200;
  // Distinct pages and hosts per cluster are counted near exactly up to this many, within a few per
  // cent beyond. The aggregation's memory grows with it (8 bytes each, per count, per cluster and
  // per day of a cluster): at 40,000, two chunks of 200 clusters at once tripped the request
  // circuit breaker (307 MB) of a 512 MB node such as `vigil es start`.
  private static final int COUNT_PRECISION = 3_000;
  // Chunks whose counts are recomputed at once: each is an aggregation that Elasticsearch runs on
  // one search thread, so two use a small node's two cores (the tail of every crawl waits on them).
  private static final int STATS_PARALLEL = 2;

  private final EsConnection es;
  private final String appearances; // the items and copies indices, searched together
  private final String clusters;

  ClusterStats(EsConnection es, String items, String copies, String clusters) {
    this.es = es;
    this.appearances = items + "," + copies;
    this.clusters = clusters;
  }

  /**
   * Recomputes the counts of every cluster {@link #changedSince} {@code watermark}, one page of
   * {@link #STATS_CHUNK} at a time, {@link #STATS_PARALLEL} pages at once (the pages are disjoint,
   * so their order does not matter), and returns how many.
   */
  long recount(Instant watermark, Instant now) throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            STATS_PARALLEL, r -> BulkEngine.daemon(r, "vigil-spread-stats"));
    try {
      List<Future<Void>> done = new ArrayList<>();
      long counted = 0;
      JsonNode after = null;
      do {
        JsonNode page = changedSince(watermark, after);
        List<String> chunk = new ArrayList<>();
        page.path("buckets").forEach(b -> chunk.add(b.path("key").path("id").asText()));
        if (!chunk.isEmpty()) {
          counted += chunk.size();
          done.add(
              pool.submit(
                  () -> {
                    recountChunk(chunk, now);
                    return null;
                  }));
        }
        after = page.get("after_key");
      } while (after != null);
      for (Future<Void> f : done) {
        f.get();
      }
      return counted;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("spread statistics failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing spread statistics", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One page of the clusters with an appearance assigned, re-seen, cleared or gone since {@code
   * watermark} (the start of the last pass that finished), {@link #STATS_CHUNK} at most, in id
   * order after {@code after} (null: from the start). A composite aggregation pages through all of
   * them, however many a large re-crawl touched.
   */
  private JsonNode changedSince(Instant watermark, JsonNode after) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("filter").addObject().putObject("exists").put("field", "vigil.cluster.id");
    ArrayNode should = bool.putArray("should");
    for (String field :
        List.of(
            "vigil.last_seen", "vigil.gone_at", "vigil.cleared_at", "vigil.cluster.assigned_at")) {
      should.addObject().putObject("range").putObject(field).put("gte", watermark.toString());
    }
    bool.put("minimum_should_match", 1);
    body.put("size", 0);
    ObjectNode composite = body.putObject("aggs").putObject("c").putObject("composite");
    composite.put("size", STATS_CHUNK);
    composite
        .putArray("sources")
        .addObject()
        .putObject("id")
        .putObject("terms")
        .put("field", "vigil.cluster.id");
    if (after != null) {
      composite.set("after", after);
    }
    return es.search(appearances, "", body).path("aggregations").path("c");
  }

  /** Recomputes the counts of these clusters from their appearances. */
  private void recountChunk(List<String> chunk, Instant now) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("size", 0);
    body.set("query", ClusterQueries.appearancesOf(chunk));
    ObjectNode terms = body.putObject("aggs").putObject("c");
    terms.putObject("terms").put("field", "vigil.cluster.id").put("size", chunk.size());
    ObjectNode aggs = terms.putObject("aggs");
    aggs.putObject("hosts")
        .putObject("cardinality")
        .put("field", "url.domain")
        .put("precision_threshold", COUNT_PRECISION);
    // A page is one appearance however many documents it has: after a re-crawl in which a page and
    // its verbatim copy swapped roles, both have an item and a copy document under the same id.
    aggs.set("pages", distinctPages());
    ObjectNode itemPages = aggs.putObject("item_pages");
    itemPages
        .putObject("filter")
        .putObject("bool")
        .putArray("must_not")
        .addObject()
        .putObject("exists")
        .put("field", "vigil.copy_of");
    itemPages.putObject("aggs").set("pages", distinctPages());
    ObjectNode gone = aggs.putObject("gone");
    gone.putObject("filter").putObject("exists").put("field", "vigil.gone_at");
    gone.putObject("aggs").set("pages", distinctPages());
    aggs.putObject("last").putObject("max").put("field", "vigil.last_seen");
    ObjectNode top = aggs.putObject("first").putObject("top_hits");
    top.put("size", 1);
    ArrayNode sort = top.putArray("sort");
    sort.addObject().put("vigil.cluster.appeared_at", "asc");
    sort.addObject().put("vigil.id", "asc");
    top.putArray("_source").add("url.full").add("url.domain").add("vigil.cluster.appeared_at");
    ClusterQueries.daily(aggs).putObject("aggs").set("pages", distinctPages());
    JsonNode buckets =
        es.search(appearances, "", body).path("aggregations").path("c").path("buckets");
    Map<String, JsonNode> byId = new HashMap<>();
    buckets.forEach(b -> byId.put(b.path("key").asText(), b));
    SpreadBulk ops = new SpreadBulk();
    for (String id : chunk) {
      ObjectNode doc = ClusterQueries.stats(byId.get(id), now);
      doc.put("id", id);
      ops.upsertDoc(clusters, id, doc);
    }
    ops.send(es);
  }

  /** The number of distinct pages (document ids) among the documents of a bucket. */
  private static ObjectNode distinctPages() {
    ObjectNode agg = Json.MAPPER.createObjectNode();
    agg.putObject("cardinality")
        .put("field", "vigil.id")
        .put("precision_threshold", COUNT_PRECISION);
    return agg;
  }
}
