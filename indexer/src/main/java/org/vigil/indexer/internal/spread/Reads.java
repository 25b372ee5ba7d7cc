package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.indexer.Appearance;
import org.vigil.indexer.Overview;
import org.vigil.indexer.SimilarItem;
import org.vigil.indexer.SpreadCluster;
import org.vigil.indexer.SpreadQuery;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.EsConnection.EsHttpException;
import org.vigil.indexer.internal.Json;

/** What analysts read of spread tracking: clusters, a cluster's appearances, similar items. */
public final class Reads {
  private static final int MAX_APPEARANCES = 10_000;
  private static final int SIMILAR_CANDIDATES = 200;

  private final EsConnection es;
  private final String items;
  private final String copies;
  private final String clusters;

  public Reads(EsConnection es, String itemsAlias, String prefix) {
    this.es = es;
    this.items = itemsAlias;
    this.copies = SpreadIndices.copies(prefix);
    this.clusters = SpreadIndices.clusters(prefix);
  }

  /**
   * Clusters seen within the query's period, fastest-growing first (new appearances per day over
   * the period, then hosts, then items). Up to 1,000 clusters with the most hosts are ranked.
   */
  public List<SpreadCluster> clusters(SpreadQuery query, Instant now) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    filter.addObject().putObject("exists").put("field", "id");
    filter.addObject().putObject("range").putObject("items").put("gte", 1);
    filter.addObject().putObject("range").putObject("hosts").put("gte", query.minHosts());
    filter
        .addObject()
        .putObject("range")
        .putObject("last_seen")
        .put("gte", now.minus(query.since()).toString());
    if (query.category() != null) {
      filter.addObject().putObject("term").put("category", query.category());
    }
    body.put("size", 1000);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put("hosts", "desc");
    sort.addObject().put("items", "desc");
    sort.addObject().put("id", "asc");
    body.putObject("_source").putArray("excludes").add("sketch");
    List<SpreadCluster> out = new ArrayList<>();
    for (JsonNode hit : es.search(clusters, "", body).path("hits").path("hits")) {
      out.add(ClusterQueries.cluster(hit.path("_source")));
    }
    out.sort(
        Comparator.comparingDouble((SpreadCluster c) -> -c.growthPerDay(query.since(), now))
            .thenComparing(c -> -c.hosts())
            .thenComparing(c -> -c.items())
            .thenComparing(SpreadCluster::id));
    return out.subList(0, Math.min(query.limit(), out.size()));
  }

  /** One cluster, if it exists. */
  public Optional<SpreadCluster> cluster(String id) throws IOException {
    try {
      JsonNode doc = es.json("GET", "/" + clusters + "/_doc/" + encode(id), null);
      return doc.path("found").asBoolean() && doc.path("_source").has("sketch")
          ? Optional.of(ClusterQueries.cluster(doc.path("_source")))
          : Optional.empty();
    } catch (EsHttpException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every appearance of a cluster (at most 10,000), in order of appearance. */
  public List<Appearance> appearances(String clusterId) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("query", ClusterQueries.appearancesOf(List.of(clusterId)));
    body.put("size", MAX_APPEARANCES);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put("vigil.cluster.appeared_at", "asc");
    sort.addObject().put("vigil.id", "asc");
    body.putObject("_source").putArray("excludes").add("vigil.text");
    List<Appearance> out = new ArrayList<>();
    for (JsonNode hit : es.search(items + "," + copies, "", body).path("hits").path("hits")) {
      out.add(ClusterQueries.appearance(hit.path("_id").asText(), hit.path("_source")));
    }
    return ClusterQueries.onePerPage(out);
  }

  /**
   * Items whose text shares a passage with the item's: members of clusters whose representative
   * overlaps its fingerprint whose own fingerprint overlaps it as much as clustering could join (at
   * least {@link ClusterEngine#PASSAGE_CONTAINMENT} of the smaller one), ranked by that
   * containment.
   *
   * @return empty when no item has this id
   */
  public Optional<List<SimilarItem>> similar(String itemId, int limit) throws IOException {
    JsonNode item = itemSource(itemId);
    if (item == null) {
      return Optional.empty();
    }
    long[] sketch = Sketch.of(item.path("vigil").path("text").asText(""));
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode should = body.putObject("query").putObject("bool").putArray("should");
    ArrayNode terms = should.addObject().putObject("terms").putArray("sketch");
    for (long h : sketch) {
      terms.add(h);
    }
    String own = item.path("vigil").path("cluster").path("id").asText(null);
    if (own != null) {
      should.addObject().putObject("term").put("id", own);
    }
    body.put("size", 50);
    body.putArray("_source").add("id");
    List<String> clusterIds = new ArrayList<>();
    for (JsonNode hit : es.search(clusters, "", body).path("hits").path("hits")) {
      clusterIds.add(hit.path("_source").path("id").asText());
    }
    if (clusterIds.isEmpty()) {
      return Optional.of(List.of());
    }
    ObjectNode members = Json.MAPPER.createObjectNode();
    members.set("query", ClusterQueries.appearancesOf(clusterIds));
    members.put("size", SIMILAR_CANDIDATES);
    members
        .putArray("_source")
        .add("vigil.id")
        .add("vigil.text")
        .add("url.full")
        .add("vigil.cluster.id");
    Map<String, SimilarItem> out = new HashMap<>();
    for (JsonNode hit : es.search(items, "", members).path("hits").path("hits")) {
      JsonNode s = hit.path("_source");
      String id = s.path("vigil").path("id").asText();
      long[] other = Sketch.of(s.path("vigil").path("text").asText(""));
      int smaller = Math.min(sketch.length, other.length);
      if (id.equals(itemId) || smaller == 0) {
        continue;
      }
      int shared = Sketch.shared(sketch, other);
      double similarity = (double) shared / smaller;
      // What the engine could join at all: a stock phrase or two in common is not similarity.
      if (shared >= Math.min(ClusterEngine.MIN_SHARED, smaller)
          && similarity >= ClusterEngine.PASSAGE_CONTAINMENT) {
        out.put(
            id,
            new SimilarItem(
                id,
                s.path("url").path("full").asText(),
                s.path("vigil").path("cluster").path("id").asText(null),
                similarity));
      }
    }
    return Optional.of(
        out.values().stream()
            .sorted(
                Comparator.comparingDouble((SimilarItem s) -> -s.similarity())
                    .thenComparing(SimilarItem::id))
            .limit(limit)
            .toList());
  }

  /** The figures of the report: see {@link Overview}. */
  public Overview overview(java.time.Duration since, Instant now) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    filter.addObject().putObject("term").put("vigil.flagged", true);
    filter
        .addObject()
        .putObject("range")
        .putObject("vigil.last_seen")
        .put("gte", now.minus(since).toString());
    body.put("size", 0);
    body.put("track_total_hits", true);
    ObjectNode aggs = body.putObject("aggs");
    ClusterQueries.daily(aggs)
        .putObject("aggs")
        .putObject("c")
        .putObject("terms")
        .put("field", "vigil.category")
        .put("size", 20);
    aggs.putObject("domains").putObject("terms").put("field", "url.domain").put("size", 15);
    aggs.putObject("review").putObject("terms").put("field", "vigil.review.status").put("size", 10);
    aggs.putObject("verdicts")
        .putObject("terms")
        .put("field", "vigil.review.verdict")
        .put("size", 10);
    JsonNode answer = es.search(items, "", body);
    JsonNode a = answer.path("aggregations");
    java.util.SortedMap<java.time.LocalDate, Map<String, Long>> byDay = new java.util.TreeMap<>();
    for (JsonNode day : a.path("daily").path("buckets")) {
      Map<String, Long> cats = new java.util.TreeMap<>();
      for (JsonNode c : day.path("c").path("buckets")) {
        cats.put(c.path("key").asText(), c.path("doc_count").asLong());
      }
      byDay.put(
          java.time.LocalDate.ofInstant(
              Instant.parse(day.path("key_as_string").asText()), java.time.ZoneOffset.UTC),
          cats);
    }
    return new Overview(
        answer.path("hits").path("total").path("value").asLong(),
        byDay,
        counts(a.path("domains")),
        counts(a.path("review")),
        counts(a.path("verdicts")));
  }

  private static List<Overview.Count> counts(JsonNode agg) {
    List<Overview.Count> out = new ArrayList<>();
    for (JsonNode b : agg.path("buckets")) {
      out.add(new Overview.Count(b.path("key").asText(), b.path("doc_count").asLong()));
    }
    return out;
  }

  private JsonNode itemSource(String id) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("query").putObject("term").put("vigil.id", id);
    body.put("size", 1);
    JsonNode hits = es.search(items, "", body).path("hits").path("hits");
    return hits.isEmpty() ? null : hits.get(0).path("_source");
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
