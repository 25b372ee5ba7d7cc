package org.vigil.indexer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.indexer.ReviewedItem;
import org.vigil.indexer.SearchHit;
import org.vigil.indexer.SearchQuery;
import org.vigil.model.CrawlStats;
import org.vigil.model.RunRecord;
import org.vigil.model.Verdict;

/** Query bodies and hit parsing for {@link org.vigil.indexer.VigilIndex}. */
public final class Queries {
  /** Fields a free-text query searches, title boosted. */
  static final String[] TEXT_FIELDS = {
    "vigil.title^2", "vigil.text", "vigil.indicators.evidence", "url.full"
  };

  private Queries() {}

  /** The bool query of an analyst search. */
  public static ObjectNode filter(SearchQuery q) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode bool = root.putObject("bool");
    if ("*".equals(q.query())) {
      bool.putArray("must").addObject().putObject("match_all");
    } else {
      ObjectNode qs = bool.putArray("must").addObject().putObject("query_string");
      qs.put("query", q.query());
      ArrayNode fields = qs.putArray("fields");
      for (String f : TEXT_FIELDS) {
        fields.add(f);
      }
      qs.put("default_operator", "and");
    }
    ArrayNode filter = bool.putArray("filter");
    if (!q.includeCleared()) {
      filter.addObject().putObject("term").put("vigil.flagged", true);
    }
    if (q.since() != null) {
      filter
          .addObject()
          .putObject("range")
          .putObject("vigil.last_seen")
          .put("gte", "now-" + q.since().toSeconds() + "s");
    }
    if (q.category() != null) {
      filter.addObject().putObject("term").put("vigil.category", q.category());
    }
    if (q.minScore() != null) {
      filter
          .addObject()
          .putObject("range")
          .putObject("vigil.score")
          .put("gte", q.minScore().doubleValue());
    }
    if (q.domain() != null) {
      filter.addObject().putObject("term").put("url.domain", q.domain());
    }
    return root;
  }

  public static ObjectNode unreviewed() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode filter = root.putObject("bool").putArray("filter");
    filter.addObject().putObject("term").put("vigil.flagged", true);
    filter.addObject().putObject("term").put("vigil.review.status", "unreviewed");
    return root;
  }

  public static ObjectNode reviewed() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("term").put("vigil.review.status", "reviewed");
    return root;
  }

  public static void sortByRelevanceThenScore(ObjectNode body) {
    ArrayNode sort = body.putArray("sort");
    sort.add("_score");
    sort.addObject().put("vigil.score", "desc");
    sort.addObject().put("vigil.last_seen", "desc");
  }

  /** Leaves the (long) main text out of hits. */
  public static void excludeText(ObjectNode body) {
    body.putObject("_source").putArray("excludes").add("vigil.text");
  }

  public static List<SearchHit> hits(JsonNode answer) {
    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode hit : answer.path("hits").path("hits")) {
      hits.add(searchHit(hit));
    }
    return hits;
  }

  static SearchHit searchHit(JsonNode hit) {
    JsonNode s = hit.path("_source");
    JsonNode v = s.path("vigil");
    List<String> indicators = new ArrayList<>();
    String evidence = "";
    double best = Double.NEGATIVE_INFINITY;
    for (JsonNode ind : v.path("indicators")) {
      indicators.add(ind.path("id").asText());
      // Indicators are stored strongest first, but a weight tie-break keeps this robust.
      double w = ind.path("weight").asDouble();
      if (w > best) {
        best = w;
        evidence = ind.path("evidence").asText();
      }
    }
    JsonNode review = v.path("review");
    return new SearchHit(
        hit.path("_id").asText(),
        text(s.path("url"), "full", text(v, "canonical_url", "")),
        text(s.path("url"), "domain", ""),
        text(v, "title", ""),
        text(v, "source_id", ""),
        text(v, "category", ""),
        v.path("score").asDouble(),
        Json.instant(v, "first_seen"),
        Json.instant(v, "last_seen"),
        evidence,
        indicators,
        text(v, "model_version", ""),
        text(review, "status", "unreviewed"),
        text(review, "verdict", null),
        // Documents indexed before clears existed were all flagged.
        v.path("flagged").asBoolean(true),
        Json.instant(v, "cleared_at"),
        Json.instant(v, "gone_at"));
  }

  public static ReviewedItem reviewedItem(JsonNode hit) {
    JsonNode v = hit.path("_source").path("vigil");
    JsonNode review = v.path("review");
    return new ReviewedItem(
        hit.path("_id").asText(),
        text(v, "canonical_url", ""),
        text(v, "title", ""),
        text(v, "text", ""),
        text(v, "category", ""),
        v.path("score").asDouble(),
        Verdict.fromWireName(text(review, "verdict", "unsure")),
        text(review, "note", ""),
        text(review, "reviewer", ""),
        Json.instant(review, "at"));
  }

  public static ObjectNode runDoc(RunRecord run) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("@timestamp", run.started().toString());
    doc.put("run_id", run.runId());
    doc.put("source_id", run.sourceId());
    doc.put("trigger", run.trigger());
    doc.put("started", run.started().toString());
    doc.put("finished", run.finished() == null ? null : run.finished().toString());
    doc.put("status", run.status());
    doc.put("error_summary", run.errorSummary());
    CrawlStats st = run.stats();
    ObjectNode stats = doc.putObject("stats");
    stats.put("fetched", st.fetched());
    stats.put("skipped", st.skipped());
    stats.put("failed", st.failed());
    stats.put("flagged", st.flagged());
    stats.put("indexed", st.indexed());
    stats.put("spooled", st.spooled());
    stats.put("cleared", st.cleared());
    stats.put("gone", st.gone());
    stats.put("duration_ms", st.durationMs());
    stats.put("unchanged", st.unchanged());
    stats.put("duplicate", st.duplicate());
    stats.put("same_canonical", st.sameCanonical());
    stats.put("unsupported_language", st.unsupportedLanguage());
    ObjectNode causes = stats.putObject("failures_by_cause");
    st.failuresByCause().forEach(causes::put);
    return doc;
  }

  public static RunRecord runRecord(JsonNode s) {
    JsonNode st = s.path("stats");
    Map<String, Long> causes = new LinkedHashMap<>();
    st.path("failures_by_cause")
        .fields()
        .forEachRemaining(e -> causes.put(e.getKey(), e.getValue().asLong()));
    CrawlStats stats =
        new CrawlStats(
            st.path("fetched").asLong(),
            st.path("skipped").asLong(),
            st.path("failed").asLong(),
            st.path("flagged").asLong(),
            st.path("indexed").asLong(),
            st.path("spooled").asLong(),
            st.path("cleared").asLong(), // 0 in runs recorded before clears existed
            st.path("gone").asLong(), // 0 in runs recorded before gone marks were counted
            st.path("duration_ms").asLong(),
            causes,
            // 0 in runs recorded before skips were broken down and languages counted
            st.path("unchanged").asLong(),
            st.path("duplicate").asLong(),
            st.path("same_canonical").asLong(),
            st.path("unsupported_language").asLong());
    Instant finished = Json.instant(s, "finished");
    return new RunRecord(
        text(s, "run_id", ""),
        text(s, "source_id", ""),
        text(s, "trigger", ""),
        Json.instant(s, "started"),
        finished,
        text(s, "status", ""),
        stats,
        text(s, "error_summary", ""));
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }
}
