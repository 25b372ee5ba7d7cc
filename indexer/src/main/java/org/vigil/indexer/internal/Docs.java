package org.vigil.indexer.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.vigil.model.Classification;
import org.vigil.model.CopiedPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;
import org.vigil.model.IndicatorHit;

/**
 * Maps a {@link FlaggedItem} to its Elasticsearch document and bulk operation.
 *
 * <p>Each item becomes an {@code update} with a full {@code upsert} document (used when the id is
 * new) and a partial {@code doc} (merged when it exists). The partial document leaves out {@code
 * @timestamp}, {@code vigil.first_seen} and {@code vigil.review}, so a re-crawl keeps when the item
 * was first seen and what the analyst said while everything else, {@code last_seen} included, is
 * replaced. This needs no script: the minimal distribution has no painless.
 */
public final class Docs {
  private Docs() {}

  /** The NDJSON bulk operation (action line and source line, each newline-terminated). */
  public static byte[] bulkUpdate(String index, FlaggedItem item, Instant now) {
    return upsert(
        index,
        item.id(),
        512 + 2 * item.text().length(),
        (g, full) -> writeDoc(g, item, now, full));
  }

  /**
   * The NDJSON bulk operation that clears an item: an {@code update} without {@code upsert}, so it
   * only touches a document that exists (a missing one answers 404 {@code
   * document_missing_exception}: nothing to clear). It sets {@code vigil.flagged: false}, the
   * latest verdict ({@code score}, {@code category}, {@code model_version}, {@code probabilities}),
   * {@code last_seen} and {@code cleared_at} (both the crawl time of the version that cleared it).
   * Title, text, indicators and content hash stay those that were flagged: they are what an
   * analyst's review (kept too) is about, and what {@code train --from-reviews} learns from.
   */
  public static byte[] bulkClear(String index, FlaggedItem item) {
    Classification c = item.classification();
    String seen = item.crawledAt().toString();
    return updateVigil(
        index,
        item.id(),
        512,
        g -> {
          g.writeBooleanField("flagged", false);
          g.writeStringField("category", c.category());
          g.writeNumberField("score", (float) c.score());
          g.writeStringField("model_version", c.modelVersion());
          g.writeObjectFieldStart("probabilities");
          for (Map.Entry<String, Double> p : c.probabilities().entrySet()) {
            g.writeNumberField(p.getKey(), p.getValue());
          }
          g.writeEndObject();
          g.writeStringField("last_seen", seen);
          g.writeStringField("cleared_at", seen);
          g.writeNullField("gone_at"); // fetched again: it is back
          g.writeNullField("http_status");
        });
  }

  /**
   * The NDJSON bulk operation that marks the document of a page gone (it answers 404/410 now): an
   * {@code update} without {@code upsert} of the document the page was indexed under ({@link
   * GonePage#documentId()}, from its canonical URL; a missing one answers 404 {@code
   * document_missing_exception}: nothing to mark), setting only {@code vigil.gone_at} (the fetch
   * time) and {@code vigil.http_status}. Flagged state, text, evidence and review stay as they
   * were: they are what was seen before it disappeared.
   */
  public static byte[] bulkGone(String index, GonePage page) {
    return updateVigil(
        index,
        page.documentId(),
        256,
        g -> {
          g.writeStringField("gone_at", page.fetchedAt().toString());
          g.writeNumberField("http_status", page.httpStatus());
        });
  }

  /**
   * The NDJSON bulk operation that records a verbatim copy in the copies index: an {@code update}
   * of the copy's canonical URL id with a full {@code upsert} and a partial {@code doc} (URL, what
   * it copies, content hash, {@code last_seen}; its cluster reset, so spread tracking resolves it
   * again: the text it copies may have changed). A repeated copy stays one document.
   */
  public static byte[] bulkCopy(String copiesIndex, CopiedPage page) {
    return upsert(copiesIndex, page.documentId(), 512, (g, full) -> writeCopy(g, page, full));
  }

  /** Writes fields of a JSON object being written. */
  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * One NDJSON {@code update} operation: the shared action line, then the source object whose
   * fields {@code source} writes, each line newline-terminated.
   */
  private static byte[] update(String index, String id, int sizeHint, Fields source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try {
      writeUpdateAction(out, index, id);
      try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
        g.writeStartObject();
        source.write(g);
        g.writeEndObject();
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes a document: the whole of it ({@code full}, for an upsert) or the part to update. */
  @FunctionalInterface
  private interface Document {
    void write(JsonGenerator g, boolean full) throws IOException;
  }

  /**
   * An {@code update} with {@code doc} (the part to update) and {@code upsert} (the whole document,
   * for one that does not exist yet).
   */
  private static byte[] upsert(String index, String id, int sizeHint, Document document) {
    return update(
        index,
        id,
        sizeHint,
        g -> {
          g.writeFieldName("doc");
          document.write(g, false);
          g.writeFieldName("upsert");
          document.write(g, true);
        });
  }

  /**
   * An {@code update} whose source is a partial {@code doc} of {@code vigil} fields only, without
   * {@code upsert}: it changes a document that exists and answers 404 for one that does not.
   */
  private static byte[] updateVigil(String index, String id, int sizeHint, Fields vigil) {
    return update(
        index,
        id,
        sizeHint,
        g -> {
          g.writeObjectFieldStart("doc");
          g.writeObjectFieldStart("vigil");
          vigil.write(g);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private static void writeCopy(JsonGenerator g, CopiedPage page, boolean full) throws IOException {
    String seen = page.fetchedAt().toString();
    g.writeStartObject();
    if (full) {
      g.writeStringField("@timestamp", seen);
    }
    g.writeObjectFieldStart("url");
    g.writeStringField("full", page.canonicalUrl());
    g.writeStringField("original", page.url());
    g.writeStringField("domain", domain(page.canonicalUrl()));
    g.writeEndObject();
    g.writeObjectFieldStart("vigil");
    g.writeStringField("id", page.documentId());
    g.writeStringField("source_id", page.sourceId());
    g.writeStringField("copy_of", page.copyOf());
    g.writeStringField("content_hash", page.contentHash());
    g.writeStringField("published", Json.str(page.published()));
    if (full) {
      g.writeStringField("first_seen", seen);
    } else {
      g.writeNullField("cluster");
      g.writeNullField("gone_at");
    }
    g.writeStringField("last_seen", seen);
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * The action line every operation here shares: an {@code update} of one id, retried on version
   * conflicts, newline-terminated.
   */
  private static void writeUpdateAction(ByteArrayOutputStream out, String index, String id)
      throws IOException {
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("update");
      g.writeStringField("_index", index);
      g.writeStringField("_id", id);
      g.writeNumberField("retry_on_conflict", 3);
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void writeDoc(JsonGenerator g, FlaggedItem item, Instant now, boolean full)
      throws IOException {
    Classification c = item.classification();
    String seen = item.crawledAt().toString();
    URI uri = parse(item.canonicalUrl());
    g.writeStartObject();
    if (full) {
      g.writeStringField("@timestamp", seen);
    }
    g.writeObjectFieldStart("event");
    g.writeStringField("created", now.toString());
    g.writeStringField("kind", "alert");
    g.writeStringField("dataset", "vigil.flagged");
    g.writeEndObject();
    g.writeObjectFieldStart("url");
    g.writeStringField("full", item.canonicalUrl());
    g.writeStringField("original", item.url());
    g.writeStringField("domain", domain(uri));
    g.writeStringField("path", uri == null ? null : uri.getRawPath());
    g.writeStringField("scheme", uri == null ? null : uri.getScheme());
    g.writeEndObject();
    g.writeObjectFieldStart("labels");
    g.writeStringField("source", item.sourceId());
    g.writeEndObject();
    g.writeObjectFieldStart("vigil");
    g.writeStringField("id", item.id());
    g.writeStringField("source_id", item.sourceId());
    g.writeStringField("canonical_url", item.canonicalUrl());
    g.writeStringField("title", item.title());
    g.writeStringField("text", item.text());
    g.writeStringField("author", item.author());
    g.writeStringField("published", Json.str(item.published()));
    g.writeStringField("category", c.category());
    g.writeNumberField("score", (float) c.score());
    g.writeBooleanField("flagged", c.flagged());
    g.writeStringField("language", c.language());
    g.writeStringField("model_version", c.modelVersion());
    g.writeNumberField("passage_index", c.passageIndex());
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
      g.writeNumberField("weight", (float) hit.weight());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("content_hash", item.contentHash());
    g.writeStringField("simhash", simhash(item.simhash()));
    g.writeArrayFieldStart("simhash_bands");
    for (String band : simhashBands(item.simhash())) {
      g.writeString(band);
    }
    g.writeEndArray();
    if (full) {
      g.writeStringField("first_seen", seen);
    }
    g.writeStringField("last_seen", seen);
    if (!full) {
      g.writeNullField("gone_at"); // fetched again: a page marked gone is back
      g.writeNullField("http_status");
      g.writeNullField("cluster"); // its text may have changed: spread tracking assigns it again
    }
    if (full) {
      g.writeObjectFieldStart("review");
      g.writeStringField("status", "unreviewed");
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The 64-bit SimHash as 16 lowercase hex digits. */
  public static String simhash(long value) {
    return String.format(Locale.ROOT, "%016x", value);
  }

  /**
   * The four 16-bit bands of the SimHash, each prefixed by its position ({@code 0:ab12}). Two
   * fingerprints within Hamming distance 3 share at least one band, so a terms query on the bands
   * finds near-duplicate candidates.
   */
  public static String[] simhashBands(long value) {
    String hex = simhash(value);
    String[] bands = new String[4];
    for (int i = 0; i < 4; i++) {
      bands[i] = i + ":" + hex.substring(4 * i, 4 * i + 4);
    }
    return bands;
  }

  /** The lowercase host of a URL, or empty when it has none. */
  public static String domain(String url) {
    return domain(parse(url));
  }

  private static String domain(URI uri) {
    return uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  private static URI parse(String url) {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      return null; // lenient: a URL Java cannot parse still gets indexed, without domain/path
    }
  }
}
