package org.vigil.indexer.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.indexer.SearchHit;
import org.vigil.model.Classification;
import org.vigil.model.CopiedPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;
import org.vigil.model.IndicatorHit;

/** JSON forms of Vigil's records: the JSONL item format and search hits. Thread-safe. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /** The JSONL form of an item: one line, every record component, no trailing newline. */
  public static String item(FlaggedItem item) {
    StringWriter out = new StringWriter(256 + item.text().length());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeItem(g, item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The JSONL form as UTF-8 bytes followed by a newline. */
  public static byte[] itemLine(FlaggedItem item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + item.text().length());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeItem(g, item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * The spool form of an operation: the JSONL item, with {@code "op":"clear"} first for a clear (an
   * add has no {@code op}, so a spool stays readable as {@code vigil index --input}).
   */
  public static byte[] spoolLine(FlaggedItem item, boolean clear) {
    if (!clear) {
      return itemLine(item);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + item.text().length());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("op", "clear");
      writeItemFields(g, item);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * The spool form of a gone mark: {@code "op":"gone"} with the source, URL, the canonical URL its
   * document is under, fetch time and HTTP status (there is no item: the page is not there any
   * more).
   */
  public static byte[] goneLine(GonePage page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("op", "gone");
      g.writeStringField("sourceId", page.sourceId());
      g.writeStringField("url", page.url());
      g.writeStringField("canonicalUrl", page.canonicalUrl());
      g.writeStringField("fetchedAt", page.fetchedAt().toString());
      g.writeNumberField("httpStatus", page.httpStatus());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * The spool form of a verbatim copy: {@code "op":"copy"} with the copy's fields (no item: its
   * text was not classified).
   */
  public static byte[] copyLine(CopiedPage page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("op", "copy");
      g.writeStringField("sourceId", page.sourceId());
      g.writeStringField("url", page.url());
      g.writeStringField("canonicalUrl", page.canonicalUrl());
      g.writeStringField("copyOf", page.copyOf());
      g.writeStringField("fetchedAt", page.fetchedAt().toString());
      g.writeStringField("published", str(page.published()));
      g.writeStringField("contentHash", page.contentHash());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * A spooled operation: an item to add, or to clear; or ({@code gone} not null, {@code item} null)
   * a page to mark gone; or ({@code copy} not null, {@code item} null) a verbatim copy to record.
   */
  public record SpoolEntry(FlaggedItem item, boolean clear, GonePage gone, CopiedPage copy) {}

  /**
   * Parses a spool line (see {@link #spoolLine}).
   *
   * @throws IllegalArgumentException with a one-line reason when the line is not a valid item
   */
  public static SpoolEntry parseSpoolLine(String line) {
    JsonNode n = tree(line);
    String op = text(n, "op");
    if ("gone".equals(op)) {
      return new SpoolEntry(null, false, parseGone(n), null);
    }
    if ("copy".equals(op)) {
      return new SpoolEntry(null, false, null, parseCopy(n));
    }
    if (op != null && !op.equals("clear")) {
      throw new IllegalArgumentException("unknown op '" + op + "'");
    }
    return new SpoolEntry(parseItem(n), "clear".equals(op), null, null);
  }

  private static CopiedPage parseCopy(JsonNode n) {
    try {
      return new CopiedPage(
          text(n, "sourceId"),
          text(n, "url"),
          text(n, "canonicalUrl"),
          text(n, "copyOf"),
          Instant.parse(String.valueOf(text(n, "fetchedAt"))),
          instant(n, "published"),
          text(n, "contentHash"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field 'fetchedAt' is not an ISO-8601 instant");
    }
  }

  private static GonePage parseGone(JsonNode n) {
    String at = text(n, "fetchedAt");
    if (at == null) {
      throw new IllegalArgumentException("missing field 'fetchedAt'");
    }
    String url = text(n, "url");
    String canonical = text(n, "canonicalUrl"); // absent in lines spooled before it existed
    try {
      return new GonePage(
          text(n, "sourceId"),
          url,
          canonical == null ? url : canonical,
          Instant.parse(at),
          n.path("httpStatus").asInt());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field 'fetchedAt' is not an ISO-8601 instant: " + at);
    }
  }

  private static void writeItem(JsonGenerator g, FlaggedItem item) throws IOException {
    g.writeStartObject();
    writeItemFields(g, item);
    g.writeEndObject();
  }

  private static void writeItemFields(JsonGenerator g, FlaggedItem item) throws IOException {
    g.writeStringField("id", item.id());
    g.writeStringField("sourceId", item.sourceId());
    g.writeStringField("url", item.url());
    g.writeStringField("canonicalUrl", item.canonicalUrl());
    g.writeStringField("title", item.title());
    g.writeStringField("text", item.text());
    g.writeStringField("author", item.author());
    g.writeStringField("published", str(item.published()));
    g.writeStringField("crawledAt", item.crawledAt().toString());
    g.writeStringField("contentHash", item.contentHash());
    g.writeNumberField("simhash", item.simhash());
    Classification c = item.classification();
    g.writeObjectFieldStart("classification");
    g.writeStringField("category", c.category());
    g.writeNumberField("score", c.score());
    g.writeBooleanField("flagged", c.flagged());
    g.writeStringField("language", c.language());
    g.writeObjectFieldStart("probabilities");
    for (Map.Entry<String, Double> p : c.probabilities().entrySet()) {
      g.writeNumberField(p.getKey(), p.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("indicators");
    for (IndicatorHit hit : c.indicators()) {
      g.writeStartObject();
      g.writeStringField("id", hit.id());
      g.writeStringField("name", hit.name());
      g.writeStringField("evidence", hit.evidence());
      g.writeNumberField("weight", hit.weight());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("modelVersion", c.modelVersion());
    g.writeNumberField("passageIndex", c.passageIndex());
    g.writeEndObject();
  }

  /**
   * Parses the JSONL form of an item.
   *
   * @throws IllegalArgumentException with a one-line reason when the line is not a valid item
   */
  public static FlaggedItem parseItem(String line) {
    return parseItem(tree(line));
  }

  private static JsonNode tree(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return n;
  }

  private static FlaggedItem parseItem(JsonNode n) {
    JsonNode c = n.path("classification");
    if (!c.isObject()) {
      throw new IllegalArgumentException("missing field 'classification'");
    }
    List<IndicatorHit> hits = new ArrayList<>();
    for (JsonNode h : c.path("indicators")) {
      hits.add(
          new IndicatorHit(
              text(h, "id"), text(h, "name"), text(h, "evidence"), h.path("weight").asDouble()));
    }
    Map<String, Double> probs = new LinkedHashMap<>();
    c.path("probabilities")
        .fields()
        .forEachRemaining(e -> probs.put(e.getKey(), e.getValue().asDouble()));
    Classification classification =
        new Classification(
            text(c, "category"),
            number(c, "score"),
            c.path("flagged").asBoolean(false),
            text(c, "language"),
            probs,
            hits,
            text(c, "modelVersion"),
            c.path("passageIndex").asInt(-1));
    return new FlaggedItem(
        text(n, "id"),
        text(n, "sourceId"),
        text(n, "url"),
        text(n, "canonicalUrl"),
        text(n, "title"),
        text(n, "text"),
        text(n, "author"),
        instant(n, "published"),
        instant(n, "crawledAt"),
        text(n, "contentHash"),
        n.path("simhash").asLong(0),
        classification);
  }

  /** One line of JSON for a search hit. */
  public static String searchHit(SearchHit h) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", h.id());
      g.writeStringField("url", h.url());
      g.writeStringField("domain", h.domain());
      g.writeStringField("title", h.title());
      g.writeStringField("source_id", h.sourceId());
      g.writeStringField("category", h.category());
      g.writeNumberField("score", h.score());
      g.writeStringField("first_seen", str(h.firstSeen()));
      g.writeStringField("last_seen", str(h.lastSeen()));
      g.writeStringField("top_evidence", h.topEvidence());
      g.writeArrayFieldStart("indicators");
      for (String id : h.indicators()) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeStringField("model_version", h.modelVersion());
      g.writeStringField("review_status", h.reviewStatus());
      g.writeStringField("verdict", h.verdict());
      g.writeBooleanField("flagged", h.flagged());
      g.writeStringField("cleared_at", str(h.clearedAt()));
      if (h.goneAt() != null) { // only when set: most items were there at the last crawl
        g.writeStringField("gone_at", str(h.goneAt()));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String str(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("field '" + field + "' must be a number");
    }
    return v.asDouble();
  }

  static Instant instant(JsonNode node, String field) {
    String v = text(node, field);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 instant: " + v);
    }
  }
}
