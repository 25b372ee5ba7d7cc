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
    for (JsonNode hit :
        es.json("POST", "/" + clusters + "/_search", body).path("hits").path("hits")) {
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
    for (JsonNode hit :
        es.json("POST", "/" + items + "," + copies + "/_search", body).path("hits").path("hits")) {
      out.add(ClusterQueries.appearance(hit.path("_id").asText(), hit.path("_source")));
    }
    return out;
  }

  /**
   * Items whose text shares a passage with the item's: members of clusters whose representative
   * overlaps its fingerprint, ranked by the containment of the two fingerprints.
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
    for (JsonNode hit :
        es.json("POST", "/" + clusters + "/_search", body).path("hits").path("hits")) {
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
    for (JsonNode hit :
        es.json("POST", "/" + items + "/_search", members).path("hits").path("hits")) {
      JsonNode s = hit.path("_source");
      String id = s.path("vigil").path("id").asText();
      long[] other = Sketch.of(s.path("vigil").path("text").asText(""));
      int smaller = Math.min(sketch.length, other.length);
      if (id.equals(itemId) || smaller == 0) {
        continue;
      }
      double similarity = (double) Sketch.shared(sketch, other) / smaller;
      if (similarity > 0) {
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

  private JsonNode itemSource(String id) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("query").putObject("term").put("vigil.id", id);
    body.put("size", 1);
    JsonNode hits = es.json("POST", "/" + items + "/_search", body).path("hits").path("hits");
    return hits.isEmpty() ? null : hits.get(0).path("_source");
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
