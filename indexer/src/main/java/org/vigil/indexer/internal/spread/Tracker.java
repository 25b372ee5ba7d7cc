package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.vigil.indexer.SpreadUpdate;
import org.vigil.indexer.internal.BulkEngine;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.Json;
import org.vigil.model.FlaggedItem;

/**
 * One incremental pass of spread tracking over Elasticsearch: flagged items without {@code
 * vigil.cluster.id} (new, replayed from the spool, or re-indexed with changed text) join or found a
 * cluster through the {@link ClusterEngine}, loading from the clusters index only the clusters
 * whose representative shares a hash with them; verbatim copies get the cluster of the flagged item
 * with their content hash; then the counts of every cluster touched since the last pass are
 * recomputed from its appearances. Counts are derived from the documents, never incremented, so a
 * repeated crawl, replay or pass cannot double them.
 */
public final class Tracker {
  private static final int PAGE = 500;
  private static final int STATS_CHUNK = 200;
  // Distinct pages and hosts per cluster are counted near exactly up to this many, within a few per
  // cent beyond. The aggregation's memory grows with it (8 bytes each, per count, per cluster and
  // per day of a cluster): at 40,000, two chunks of 200 clusters at once tripped the request
  // circuit breaker (307 MB) of a 512 MB node such as `vigil es start`.
  private static final int COUNT_PRECISION = 3_000;
  // Chunks whose counts are recomputed at once: each is an aggregation that Elasticsearch runs on
  // one search thread, so two use a small node's two cores (the tail of every crawl waits on them).
  private static final int STATS_PARALLEL = 2;
  private static final int HASHES_PER_SEARCH = 4096;
  private static final int CANDIDATES_PER_SEARCH = 10_000;
  // Ids a candidate search leaves out at most (a bounded request; beyond it, ids come back again).
  private static final int MAX_EXCLUDED = 5_000;
  private static final String STATE_ID = "_state";

  private final EsConnection es;
  private final String items;
  private final String copies;
  private final String clusters;
  // Per pass: each pass loads the clusters it needs afresh (another process may have changed them).
  private ClusterEngine engine;
  private List<String> ids; // engine ordinal -> cluster id
  private Map<String, Integer> ordinals;
  private String passStarted; // written with each assignment (vigil.cluster.assigned_at)

  public Tracker(EsConnection es, String itemsAlias, String prefix) {
    this.es = es;
    this.items = itemsAlias;
    this.copies = SpreadIndices.copies(prefix);
    this.clusters = SpreadIndices.clusters(prefix);
  }

  /** One pass; see the class comment. */
  public synchronized SpreadUpdate update() throws IOException {
    Instant started = Instant.now();
    passStarted = started.toString();
    engine = new ClusterEngine();
    ids = new ArrayList<>();
    ordinals = new HashMap<>();
    refresh(items + "," + copies);
    Instant watermark = watermark();
    Map<String, String> clusterByHash = new HashMap<>();
    long[] counts = new long[2]; // assigned, founded
    JsonNode after = null;
    while (true) {
      JsonNode hits = pendingItems(after);
      if (hits.isEmpty()) {
        break;
      }
      assign(hits, clusterByHash, counts);
      after = hits.get(hits.size() - 1).path("sort");
      if (hits.size() < PAGE) {
        break;
      }
    }
    long copied = resolveCopies(clusterByHash);
    refresh(items + "," + copies);
    // Every appearance this pass assigned has assigned_at >= the watermark, so this finds its
    // clusters too. No pass finished yet: every cluster there is comes from passes that died
    // before their counts.
    long updated = writeStats(watermark != null ? watermark : Instant.EPOCH, started);
    ObjectNode state = Json.MAPPER.createObjectNode();
    state.put("watermark", started.minusSeconds(60).toString()); // a minute of clock skew
    es.json("PUT", "/" + clusters + "/_doc/" + STATE_ID, state);
    refresh(clusters);
    return new SpreadUpdate(counts[0], counts[1], copied, updated);
  }

  /** Assigns one page of pending items and writes their clusters and cluster ids. */
  private void assign(JsonNode hits, Map<String, String> clusterByHash, long[] counts)
      throws IOException {
    List<long[]> sketches = new ArrayList<>();
    Set<Long> hashes = new java.util.HashSet<>();
    for (JsonNode hit : hits) {
      long[] sketch = Sketch.of(hit.path("_source").path("vigil").path("text").asText(""));
      sketches.add(sketch);
      for (long h : sketch) {
        hashes.add(h);
      }
    }
    loadCandidates(hashes);
    Map<String, ObjectNode> clusterDocs = new LinkedHashMap<>();
    ByteArrayOutputStream itemOps = new ByteArrayOutputStream();
    for (int i = 0; i < hits.size(); i++) {
      JsonNode src = hits.get(i).path("_source");
      JsonNode vigil = src.path("vigil");
      String itemId = vigil.path("id").asText();
      ClusterEngine.Assignment a = engine.assign(sketches.get(i));
      String clusterId;
      if (a.founded()) {
        // Stable for the same item and text: a pass repeated after a crash finds it again.
        clusterId = FlaggedItem.idFor(itemId + "#" + vigil.path("content_hash").asText(""));
        ids.add(clusterId);
        ordinals.put(clusterId, a.cluster());
        counts[1]++;
      } else {
        clusterId = ids.get(a.cluster());
      }
      if (a.founded() || a.representativeChanged()) {
        ObjectNode doc =
            clusterDocs.computeIfAbsent(clusterId, k -> Json.MAPPER.createObjectNode());
        doc.put("id", clusterId);
        ArrayNode sketch = doc.putArray("sketch");
        for (long h : engine.representative(a.cluster())) {
          sketch.add(h);
        }
        if (a.founded() || engine.representative(a.cluster()) == sketches.get(i)) {
          describe(doc, itemId, src); // the representative text is this item's
        }
      }
      String appeared = appearedAt(vigil);
      bulkUpdate(itemOps, items, itemId, clusterField(clusterId, appeared));
      clusterByHash.put(vigil.path("content_hash").asText(""), clusterId);
      counts[0]++;
    }
    // Clusters first: if the pass dies in between, the items stay pending and find them next time.
    ByteArrayOutputStream clusterOps = new ByteArrayOutputStream();
    for (Map.Entry<String, ObjectNode> e : clusterDocs.entrySet()) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set("doc", e.getValue());
      body.put("doc_as_upsert", true);
      bulkLine(clusterOps, "update", clusters, e.getKey(), body);
    }
    bulk(clusterOps);
    bulk(itemOps);
  }

  /** Puts a cluster's description (category, title, snippet, evidence) from its representative. */
  private static void describe(ObjectNode doc, String itemId, JsonNode src) {
    JsonNode vigil = src.path("vigil");
    doc.put("representative_id", itemId);
    doc.put("category", vigil.path("category").asText(""));
    doc.put("title", vigil.path("title").asText(""));
    String text = vigil.path("text").asText("").replaceAll("\\s+", " ").strip();
    doc.put("snippet", text.length() <= 300 ? text : text.substring(0, 299) + "…");
    JsonNode indicators = vigil.path("indicators");
    doc.put("evidence", indicators.isEmpty() ? "" : indicators.get(0).path("evidence").asText(""));
  }

  /** Loads into the engine the stored clusters whose representative holds one of the hashes. */
  private void loadCandidates(Set<Long> hashes) throws IOException {
    // First the ids only, of clusters not named yet: the clusters already in the engine (founded
    // or loaded earlier in this pass) and those an earlier search of this call named are left out,
    // or every search would name them again and again (a 20,000-page bench crawl: ~10 s of
    // searches fetching the same few thousand ids), and each representative is hundreds of
    // numbers to ship and parse.
    if (allStoredKnown()) {
      return; // every stored cluster is in the engine already (a first crawl, a small index)
    }
    Set<String> unknown = new LinkedHashSet<>(); // in the order the searches name them
    List<Long> all = new ArrayList<>(hashes);
    for (int i = 0; i < all.size(); i += HASHES_PER_SEARCH) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      ObjectNode bool = body.putObject("query").putObject("bool");
      ArrayNode terms = bool.putArray("filter").addObject().putObject("terms").putArray("sketch");
      all.subList(i, Math.min(all.size(), i + HASHES_PER_SEARCH)).forEach(terms::add);
      ArrayNode named = bool.putArray("must_not").addObject().putObject("ids").putArray("values");
      Stream.concat(ids.stream(), unknown.stream()).limit(MAX_EXCLUDED).forEach(named::add);
      body.put("size", CANDIDATES_PER_SEARCH);
      body.put("_source", false);
      body.put("track_total_hits", false);
      JsonNode found = es.search(clusters, "filter_path=hits.hits._id", body);
      for (JsonNode hit : found.path("hits").path("hits")) {
        String id = hit.path("_id").asText();
        if (!ordinals.containsKey(id)) {
          unknown.add(id);
        }
      }
    }
    // Then each new one's representative, once, loaded in that same order (ordinals break ties).
    List<String> load = new ArrayList<>(unknown);
    for (int i = 0; i < load.size(); i += CANDIDATES_PER_SEARCH) {
      List<String> chunk = load.subList(i, Math.min(load.size(), i + CANDIDATES_PER_SEARCH));
      ObjectNode body = Json.MAPPER.createObjectNode();
      ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
      chunk.forEach(values::add);
      body.put("size", chunk.size());
      body.putArray("_source").add("sketch");
      Map<String, long[]> byId = new HashMap<>();
      for (JsonNode hit : es.search(clusters, "", body).path("hits").path("hits")) {
        JsonNode sketch = hit.path("_source").path("sketch");
        long[] rep = new long[sketch.size()];
        for (int k = 0; k < rep.length; k++) {
          rep[k] = sketch.get(k).asLong();
        }
        java.util.Arrays.sort(rep);
        byId.put(hit.path("_id").asText(), rep);
      }
      for (String id : chunk) {
        long[] rep = byId.get(id);
        if (rep != null) { // deleted in between: as if the first search had not named it
          ordinals.put(id, engine.load(rep));
          ids.add(id);
        }
      }
    }
  }

  /**
   * Whether the clusters index holds no cluster with a representative that the engine does not
   * have: then no candidate search can name a new one. Asked only while the engine's clusters fit
   * one exclusion list.
   */
  private boolean allStoredKnown() throws IOException {
    if (ids.size() > MAX_EXCLUDED) {
      return false;
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("filter").addObject().putObject("exists").put("field", "sketch");
    ArrayNode known = bool.putArray("must_not").addObject().putObject("ids").putArray("values");
    ids.forEach(known::add);
    body.put("size", 0);
    body.put("terminate_after", 1);
    body.put("track_total_hits", true);
    JsonNode total = es.search(clusters, "filter_path=hits.total", body).path("hits").path("total");
    return total.path("value").asLong(1) == 0;
  }

  /** Flagged items without a cluster, oldest first. */
  private JsonNode pendingItems(JsonNode after) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("filter").addObject().putObject("term").put("vigil.flagged", true);
    bool.putArray("must_not").addObject().putObject("exists").put("field", "vigil.cluster.id");
    body.put("size", PAGE);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put("vigil.first_seen", "asc");
    sort.addObject().put("vigil.id", "asc");
    if (after != null) {
      body.set("search_after", after);
    }
    body.putArray("_source")
        .add("vigil.id")
        .add("vigil.text")
        .add("vigil.title")
        .add("vigil.category")
        .add("vigil.content_hash")
        .add("vigil.published")
        .add("vigil.first_seen")
        .add("vigil.indicators.evidence");
    return es.search(items, "", body).path("hits").path("hits");
  }

  /**
   * Gives each verbatim copy the cluster of the flagged item whose content hash it has: copies not
   * looked at yet, and copies of the items assigned in this pass. A copy of content no flagged item
   * has is marked checked; only an item assigned later resolves it.
   */
  private long resolveCopies(Map<String, String> clusterByHash) throws IOException {
    long resolved = 0;
    // The second search may still see a copy the first one updated (no refresh in between): it
    // is not resolved, nor counted, twice.
    Set<String> done = new java.util.HashSet<>();
    // Copies of items assigned now (checked or not).
    List<String> hashes = new ArrayList<>(clusterByHash.keySet());
    for (int i = 0; i < hashes.size(); i += 1000) {
      ObjectNode q = Json.MAPPER.createObjectNode();
      ObjectNode bool = q.putObject("bool");
      ArrayNode terms =
          bool.putArray("filter").addObject().putObject("terms").putArray("vigil.content_hash");
      hashes.subList(i, Math.min(hashes.size(), i + 1000)).forEach(terms::add);
      bool.putArray("must_not").addObject().putObject("exists").put("field", "vigil.cluster.id");
      resolved += resolve(q, clusterByHash, false, done);
    }
    // Copies never looked at.
    ObjectNode q = Json.MAPPER.createObjectNode();
    ArrayNode mustNot = q.putObject("bool").putArray("must_not");
    mustNot.addObject().putObject("exists").put("field", "vigil.cluster.id");
    mustNot.addObject().putObject("exists").put("field", "vigil.cluster.checked_at");
    return resolved + resolve(q, new HashMap<>(), true, done);
  }

  private long resolve(
      ObjectNode query, Map<String, String> known, boolean lookUp, Set<String> done)
      throws IOException {
    long resolved = 0;
    JsonNode after = null;
    while (true) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set("query", query);
      body.put("size", PAGE);
      body.putArray("sort").addObject().put("vigil.id", "asc");
      if (after != null) {
        body.set("search_after", after);
      }
      JsonNode hits = es.search(copies, "", body).path("hits").path("hits");
      if (hits.isEmpty()) {
        return resolved;
      }
      Map<String, String> byHash = new HashMap<>(known);
      if (lookUp) {
        byHash.putAll(clustersOfHashes(hits));
      }
      ByteArrayOutputStream ops = new ByteArrayOutputStream();
      for (JsonNode hit : hits) {
        if (!done.add(hit.path("_id").asText())) {
          continue;
        }
        JsonNode vigil = hit.path("_source").path("vigil");
        String cluster = byHash.get(vigil.path("content_hash").asText(""));
        ObjectNode doc = Json.MAPPER.createObjectNode();
        if (cluster == null) {
          doc.putObject("vigil").putObject("cluster").put("checked_at", Instant.now().toString());
        } else {
          doc = clusterField(cluster, appearedAt(vigil));
          resolved++;
        }
        bulkUpdate(ops, copies, hit.path("_id").asText(), doc);
      }
      bulk(ops);
      after = hits.get(hits.size() - 1).path("sort");
      if (hits.size() < PAGE) {
        return resolved;
      }
    }
  }

  /** The cluster of the flagged, clustered item with each copy's content hash. */
  private Map<String, String> clustersOfHashes(JsonNode copyHits) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    ArrayNode terms = filter.addObject().putObject("terms").putArray("vigil.content_hash");
    for (JsonNode hit : copyHits) {
      terms.add(hit.path("_source").path("vigil").path("content_hash").asText(""));
    }
    filter.addObject().putObject("exists").put("field", "vigil.cluster.id");
    body.put("size", 10_000);
    body.putArray("_source").add("vigil.content_hash").add("vigil.cluster.id");
    Map<String, String> out = new HashMap<>();
    for (JsonNode hit : es.search(items, "", body).path("hits").path("hits")) {
      JsonNode vigil = hit.path("_source").path("vigil");
      out.putIfAbsent(
          vigil.path("content_hash").asText(), vigil.path("cluster").path("id").asText());
    }
    return out;
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
    return es.search(items + "," + copies, "", body).path("aggregations").path("c");
  }

  /**
   * Recomputes the counts of every cluster {@link #changedSince} {@code watermark}, one page of
   * {@link #STATS_CHUNK} at a time, {@link #STATS_PARALLEL} pages at once (the pages are disjoint,
   * so their order does not matter), and returns how many.
   */
  private long writeStats(Instant watermark, Instant now) throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            STATS_PARALLEL, r -> BulkEngine.daemon(r, "vigil-spread-stats"));
    try {
      List<Future<Void>> done = new ArrayList<>();
      long clusters = 0;
      JsonNode after = null;
      do {
        JsonNode page = changedSince(watermark, after);
        List<String> chunk = new ArrayList<>();
        page.path("buckets").forEach(b -> chunk.add(b.path("key").path("id").asText()));
        if (!chunk.isEmpty()) {
          clusters += chunk.size();
          done.add(
              pool.submit(
                  () -> {
                    writeChunkStats(chunk, now);
                    return null;
                  }));
        }
        after = page.get("after_key");
      } while (after != null);
      for (Future<Void> f : done) {
        f.get();
      }
      return clusters;
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

  /** Recomputes the counts of these clusters from their appearances. */
  private void writeChunkStats(List<String> chunk, Instant now) throws IOException {
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
    ObjectNode daily = aggs.putObject("daily");
    daily
        .putObject("date_histogram")
        .put("field", "vigil.cluster.appeared_at")
        .put("calendar_interval", "day")
        .put("min_doc_count", 1);
    daily.putObject("aggs").set("pages", distinctPages());
    JsonNode buckets =
        es.search(items + "," + copies, "", body).path("aggregations").path("c").path("buckets");
    Map<String, JsonNode> byId = new HashMap<>();
    buckets.forEach(b -> byId.put(b.path("key").asText(), b));
    ByteArrayOutputStream ops = new ByteArrayOutputStream();
    for (String id : chunk) {
      ObjectNode doc = ClusterQueries.stats(byId.get(id), now);
      doc.put("id", id);
      ObjectNode update = Json.MAPPER.createObjectNode();
      update.set("doc", doc);
      update.put("doc_as_upsert", true);
      bulkLine(ops, "update", clusters, id, update);
    }
    bulk(ops);
  }

  /** The number of distinct pages (document ids) among the documents of a bucket. */
  private static ObjectNode distinctPages() {
    ObjectNode agg = Json.MAPPER.createObjectNode();
    agg.putObject("cardinality")
        .put("field", "vigil.id")
        .put("precision_threshold", COUNT_PRECISION);
    return agg;
  }

  private Instant watermark() throws IOException {
    try {
      JsonNode doc = es.json("GET", "/" + clusters + "/_doc/" + STATE_ID, null);
      String w = doc.path("_source").path("watermark").asText(null);
      return w == null ? null : Instant.parse(w);
    } catch (EsConnection.EsHttpException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** An item's or copy's appearance time: its publication time when plausible, else first seen. */
  static String appearedAt(JsonNode vigil) {
    String first = vigil.path("first_seen").asText(null);
    String published = vigil.path("published").asText(null);
    if (published != null && first != null) {
      try {
        if (!Instant.parse(published).isAfter(Instant.parse(first))) {
          return published;
        }
      } catch (RuntimeException e) {
        return first; // an unparseable date is no evidence
      }
    }
    return first;
  }

  /**
   * An appearance's cluster fields. {@code assigned_at} lets the next pass find the clusters this
   * one assigned to when it dies before writing their counts ({@link #changedSince}).
   */
  private ObjectNode clusterField(String clusterId, String appearedAt) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    ObjectNode cluster = doc.putObject("vigil").putObject("cluster");
    cluster.put("id", clusterId);
    cluster.put("appeared_at", appearedAt);
    cluster.put("assigned_at", passStarted);
    return doc;
  }

  private static void bulkUpdate(ByteArrayOutputStream out, String index, String id, ObjectNode doc)
      throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("doc", doc);
    bulkLine(out, "update", index, id, body);
  }

  private static void bulkLine(
      ByteArrayOutputStream out, String op, String index, String id, ObjectNode body)
      throws IOException {
    ObjectNode action = Json.MAPPER.createObjectNode();
    ObjectNode meta = action.putObject(op);
    meta.put("_index", index);
    meta.put("_id", id);
    meta.put("retry_on_conflict", 3);
    out.write(Json.MAPPER.writeValueAsBytes(action));
    out.write('\n');
    out.write(Json.MAPPER.writeValueAsBytes(body));
    out.write('\n');
  }

  /** Sends a bulk body; any rejected operation fails the pass (it is repeated next time). */
  private void bulk(ByteArrayOutputStream ops) throws IOException {
    if (ops.size() == 0) {
      return;
    }
    byte[] answer =
        es.send(
            "POST",
            "/_bulk?filter_path=errors,items.*.error",
            ops.toByteArray(),
            "application/x-ndjson");
    JsonNode result = Json.MAPPER.readTree(answer);
    if (result.path("errors").asBoolean(false)) {
      for (JsonNode item : result.path("items")) {
        JsonNode error = item.elements().next().path("error");
        if (!error.isMissingNode()) {
          throw new IOException(
              "spread update rejected: "
                  + error.path("type").asText()
                  + ": "
                  + error.path("reason").asText());
        }
      }
    }
  }

  private void refresh(String indices) throws IOException {
    es.json("POST", "/" + indices + "/_refresh?ignore_unavailable=true", null);
  }
}
