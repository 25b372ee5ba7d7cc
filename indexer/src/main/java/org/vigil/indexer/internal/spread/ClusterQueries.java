package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vigil.indexer.Appearance;
import org.vigil.indexer.SpreadCluster;
import org.vigil.indexer.internal.Json;

/** The query and document shapes of spread tracking, and their parsing into public records. */
public final class ClusterQueries {
  private ClusterQueries() {}

  /**
   * The appearances of these clusters across the items and copies indices: flagged items (a cleared
   * one no longer counts) and verbatim copies (which have no {@code vigil.flagged}).
   */
  public static ObjectNode appearancesOf(Collection<String> clusterIds) {
    ObjectNode q = Json.MAPPER.createObjectNode();
    ObjectNode bool = q.putObject("bool");
    ArrayNode ids =
        bool.putArray("filter").addObject().putObject("terms").putArray("vigil.cluster.id");
    clusterIds.forEach(ids::add);
    bool.putArray("must_not").addObject().putObject("term").put("vigil.flagged", false);
    return q;
  }

  /**
   * Adds to {@code aggs} a {@code daily} histogram of appearances by their appearance time, one
   * bucket per UTC day that has any, and returns it (for its sub-aggregations).
   */
  static ObjectNode daily(ObjectNode aggs) {
    ObjectNode daily = aggs.putObject("daily");
    daily
        .putObject("date_histogram")
        .put("field", "vigil.cluster.appeared_at")
        .put("calendar_interval", "day")
        .put("min_doc_count", 1);
    return daily;
  }

  /** The counts of one cluster from its aggregation bucket ({@code null}: no appearance left). */
  static ObjectNode stats(JsonNode bucket, Instant now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("updated_at", now.toString());
    if (bucket == null) {
      doc.put("items", 0).put("copies", 0).put("hosts", 0).put("gone", 0);
      doc.putArray("daily");
      return doc;
    }
    int pages = pages(bucket);
    doc.put("items", pages);
    doc.put("copies", pages - pages(bucket.path("item_pages")));
    doc.put("hosts", bucket.path("hosts").path("value").asInt());
    doc.put("gone", pages(bucket.path("gone")));
    JsonNode last = bucket.path("last").path("value_as_string");
    doc.put("last_seen", last.isMissingNode() ? null : last.asText());
    JsonNode first = bucket.path("first").path("hits").path("hits").path(0).path("_source");
    doc.put("first_seen", first.path("vigil").path("cluster").path("appeared_at").asText(null));
    doc.put("first_url", first.path("url").path("full").asText(null));
    doc.put("first_host", first.path("url").path("domain").asText(null));
    ArrayNode daily = doc.putArray("daily");
    for (JsonNode day : bucket.path("daily").path("buckets")) {
      daily.addObject().put("day", day.path("key_as_string").asText()).put("items", pages(day));
    }
    return doc;
  }

  /**
   * The distinct pages of an aggregation bucket: a page with both an item and a copy document (a
   * page and its verbatim copy that swapped roles in a re-crawl) is one appearance, as an item.
   */
  private static int pages(JsonNode bucket) {
    return bucket.path("pages").path("value").asInt();
  }

  /**
   * Appearances in their order with one per page: a copy document whose page also has an item
   * document is left out (the item counts, see {@link #pages}).
   */
  public static List<Appearance> onePerPage(List<Appearance> appearances) {
    Set<String> items = new HashSet<>();
    appearances.stream().filter(a -> !a.copy()).forEach(a -> items.add(a.id()));
    List<Appearance> out = new ArrayList<>(appearances.size());
    for (Appearance a : appearances) {
      if (!a.copy() || !items.contains(a.id())) {
        out.add(a);
      }
    }
    return out;
  }

  /** A cluster document's {@code _source} as a record. */
  public static SpreadCluster cluster(JsonNode s) {
    SortedMap<LocalDate, Integer> daily = new TreeMap<>();
    for (JsonNode d : s.path("daily")) {
      daily.merge(
          LocalDate.ofInstant(Instant.parse(d.path("day").asText()), ZoneOffset.UTC),
          d.path("items").asInt(),
          Integer::sum);
    }
    return new SpreadCluster(
        s.path("id").asText(),
        s.path("category").asText(""),
        s.path("title").asText(""),
        s.path("snippet").asText(""),
        s.path("evidence").asText(""),
        instant(s, "first_seen"),
        s.path("first_url").asText(null),
        s.path("first_host").asText(null),
        instant(s, "last_seen"),
        s.path("items").asInt(),
        s.path("copies").asInt(),
        s.path("hosts").asInt(),
        s.path("gone").asInt(),
        daily);
  }

  /** An item's or copy's {@code _source} as an appearance. */
  public static Appearance appearance(String id, JsonNode s) {
    JsonNode vigil = s.path("vigil");
    return new Appearance(
        id,
        s.path("url").path("full").asText(),
        s.path("url").path("domain").asText(""),
        instant(vigil.path("cluster"), "appeared_at"),
        instant(vigil, "first_seen"),
        instant(vigil, "last_seen"),
        instant(vigil, "gone_at"),
        vigil.path("copy_of").asText(null));
  }

  private static Instant instant(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? Instant.parse(v.asText()) : null;
  }
}
