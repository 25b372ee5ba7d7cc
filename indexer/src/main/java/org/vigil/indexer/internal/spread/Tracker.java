package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.vigil.indexer.SpreadUpdate;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.Json;
import org.vigil.model.FlaggedItem;

/**
 * One incremental pass of spread tracking over Elasticsearch: flagged items without {@code
 * vigil.cluster.id} (new, replayed from the spool, or re-indexed with changed text) join or found a
 * cluster through the {@link ClusterEngine}, loading from the clusters index only the clusters
 * whose representative shares a hash with them; verbatim copies get the cluster of the flagged item
 * with their content hash; then {@link ClusterStats} recomputes the counts of every cluster with an
 * appearance changed since the last pass that finished. Counts are derived from the documents,
 * never incremented, so a repeated crawl, replay or pass cannot double them.
 */
public final class Tracker {
  private static final int PAGE = 500;
  private static final int HASHES_PER_SEARCH = 4096;
  private static final int CANDIDATES_PER_SEARCH = 10_000;
  // Ids a candidate search leaves out at most (a bounded request; beyond it, ids come back again).
  private static final int MAX_EXCLUDED = 5_000;
  private static final String STATE_ID = "_state";

  private final EsConnection es;
  private final String items;
  private final String copies;
  private final String clusters;
  private final ClusterStats stats;
  private final int candidatesPerSearch;
  // Per pass: each pass loads the clusters it needs afresh (another process may have changed them).
  private ClusterEngine engine;
  private List<String> ids; // engine ordinal -> cluster id
  private Map<String, Integer> ordinals;
  private String passStarted; // written with each assignment (vigil.cluster.assigned_at)

  public Tracker(EsConnection es, String itemsAlias, String prefix) {
    this(es, itemsAlias, prefix, CANDIDATES_PER_SEARCH);
  }

  /**
   * A tracker whose candidate searches name at most {@code candidatesPerSearch} clusters each (more
   * than {@link ClusterEngine#MAX_FREQUENCY}; tests use a small page to reach the full-page case).
   */
  public Tracker(EsConnection es, String itemsAlias, String prefix, int candidatesPerSearch) {
    if (candidatesPerSearch <= ClusterEngine.MAX_FREQUENCY) {
      throw new IllegalArgumentException(
          "candidatesPerSearch must be above "
              + ClusterEngine.MAX_FREQUENCY
              + ", was "
              + candidatesPerSearch);
    }
    this.candidatesPerSearch = candidatesPerSearch;
    this.es = es;
    this.items = itemsAlias;
    this.copies = SpreadIndices.copies(prefix);
    this.clusters = SpreadIndices.clusters(prefix);
    this.stats = new ClusterStats(es, itemsAlias, copies, clusters);
  }

  /** One pass; see the class comment. */
  public synchronized SpreadUpdate update() throws IOException {
    Instant started = Instant.now();
    passStarted = started.toString();
    engine = new ClusterEngine();
    engine.ageFrom(
        started.getEpochSecond() * 1_000_000_000L + started.getNano()); // after every stored one
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
    long updated = stats.recount(watermark != null ? watermark : Instant.EPOCH, started);
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
    SpreadBulk itemOps = new SpreadBulk();
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
        if (a.founded()) {
          doc.put("founded", engine.age(a.cluster()));
        }
        ArrayNode sketch = doc.putArray("sketch");
        for (long h : engine.representative(a.cluster())) {
          sketch.add(h);
        }
        if (a.founded() || engine.representative(a.cluster()) == sketches.get(i)) {
          describe(doc, itemId, src); // the representative text is this item's
        }
      }
      String appeared = appearedAt(vigil);
      itemOps.updateDoc(items, itemId, clusterField(clusterId, appeared));
      clusterByHash.put(vigil.path("content_hash").asText(""), clusterId);
      counts[0]++;
    }
    // Clusters first: if the pass dies in between, the items stay pending and find them next time.
    SpreadBulk clusterOps = new SpreadBulk();
    for (Map.Entry<String, ObjectNode> e : clusterDocs.entrySet()) {
      clusterOps.upsertDoc(clusters, e.getKey(), e.getValue());
    }
    clusterOps.send(es);
    itemOps.send(es);
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
      nameCandidates(all.subList(i, Math.min(all.size(), i + HASHES_PER_SEARCH)), unknown);
    }
    // Then each new one's representative, once, with its age (ties go to the oldest cluster,
    // whatever order they are loaded in).
    List<String> load = new ArrayList<>(unknown);
    for (int i = 0; i < load.size(); i += candidatesPerSearch) {
      List<String> chunk = load.subList(i, Math.min(load.size(), i + candidatesPerSearch));
      ObjectNode body = Json.MAPPER.createObjectNode();
      ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
      chunk.forEach(values::add);
      body.put("size", chunk.size());
      body.putArray("_source").add("sketch").add("founded");
      Map<String, Stored> byId = new HashMap<>();
      for (JsonNode hit : es.search(clusters, "", body).path("hits").path("hits")) {
        JsonNode sketch = hit.path("_source").path("sketch");
        long[] rep = new long[sketch.size()];
        for (int k = 0; k < rep.length; k++) {
          rep[k] = sketch.get(k).asLong();
        }
        java.util.Arrays.sort(rep);
        // clusters stored before ages were kept are the oldest, in the order they are named
        byId.put(
            hit.path("_id").asText(),
            new Stored(rep, hit.path("_source").path("founded").asLong(-1)));
      }
      for (String id : chunk) {
        Stored stored = byId.get(id);
        if (stored != null) { // deleted in between: as if the first search had not named it
          ordinals.put(id, engine.load(stored.representative(), stored.age()));
          ids.add(id);
        }
      }
    }
  }

  /** A stored cluster's representative and age, as candidate loading reads them. */
  private record Stored(long[] representative, long age) {}

  /**
   * Adds to {@code unknown} the stored clusters not named yet whose representative holds one of
   * {@code hashes}. A search returns a page in no particular order, so a full page may have left a
   * candidate out: its hashes are searched again in halves. A single hash that still fills a page
   * is held by more representatives than {@link ClusterEngine#MAX_FREQUENCY}, boilerplate to an
   * engine holding them all; the engine is told so instead of loading them.
   */
  private void nameCandidates(List<Long> hashes, Set<String> unknown) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode bool = body.putObject("query").putObject("bool");
    ArrayNode terms = bool.putArray("filter").addObject().putObject("terms").putArray("sketch");
    hashes.forEach(terms::add);
    ArrayNode named = bool.putArray("must_not").addObject().putObject("ids").putArray("values");
    Stream.concat(ids.stream(), unknown.stream()).limit(MAX_EXCLUDED).forEach(named::add);
    body.put("size", candidatesPerSearch);
    body.put("_source", false);
    body.put("track_total_hits", false);
    JsonNode found =
        es.search(clusters, "filter_path=hits.hits._id", body).path("hits").path("hits");
    for (JsonNode hit : found) {
      String id = hit.path("_id").asText();
      if (!ordinals.containsKey(id)) {
        unknown.add(id);
      }
    }
    if (found.size() < candidatesPerSearch) {
      return; // every match is named
    }
    if (hashes.size() == 1) {
      engine.boilerplate(hashes.get(0));
      return;
    }
    int half = hashes.size() / 2;
    nameCandidates(hashes.subList(0, half), unknown);
    nameCandidates(hashes.subList(half, hashes.size()), unknown);
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
      SpreadBulk ops = new SpreadBulk();
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
        ops.updateDoc(copies, hit.path("_id").asText(), doc);
      }
      ops.send(es);
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
   * one assigned to when it dies before writing their counts ({@link ClusterStats}).
   */
  private ObjectNode clusterField(String clusterId, String appearedAt) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    ObjectNode cluster = doc.putObject("vigil").putObject("cluster");
    cluster.put("id", clusterId);
    cluster.put("appeared_at", appearedAt);
    cluster.put("assigned_at", passStarted);
    return doc;
  }

  private void refresh(String indices) throws IOException {
    es.json("POST", "/" + indices + "/_refresh?ignore_unavailable=true", null);
  }
}
