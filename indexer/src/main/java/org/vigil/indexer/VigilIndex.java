package org.vigil.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.vigil.indexer.internal.BulkEngine;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.EsConnection.EsHttpException;
import org.vigil.indexer.internal.Json;
import org.vigil.indexer.internal.Queries;
import org.vigil.indexer.internal.ServerCheck;
import org.vigil.indexer.internal.spread.Reads;
import org.vigil.indexer.internal.spread.SpreadIndices;
import org.vigil.indexer.internal.spread.Tracker;
import org.vigil.model.RunRecord;
import org.vigil.model.Verdict;

/**
 * Vigil's view of one Elasticsearch cluster: index setup, bulk indexers, analyst search, reviews
 * and run history. Thread-safe.
 *
 * <p>Flagged items live in a versioned index ({@code vigil-flagged-000001}) behind the write alias
 * {@code vigil-flagged}, shaped by the index template of the same name; crawl runs live in {@code
 * vigil-runs}. A different prefix than {@code vigil} (see {@link #connect(EsSettings, String)})
 * keeps several installations, or tests, apart on one cluster.
 */
public final class VigilIndex implements AutoCloseable {
  /** The default index prefix. */
  public static final String DEFAULT_PREFIX = "vigil";

  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  private static final String FLAGGED_TEMPLATE = "vigil-flagged-template.json";
  private static final String RUNS_TEMPLATE = "vigil-runs-template.json";

  private final EsConnection es;
  private final String prefix;
  private final String serverVersion;
  private SpreadTracker spread;

  private VigilIndex(EsConnection es, String prefix, String serverVersion) {
    this.es = es;
    this.prefix = prefix;
    this.serverVersion = serverVersion;
  }

  /** Connects with the default index prefix; see {@link #connect(EsSettings, String)}. */
  public static VigilIndex connect(EsSettings settings) throws IndexerException {
    return connect(settings, DEFAULT_PREFIX);
  }

  /**
   * Connects, checks that the cluster answers a health request and that it is a supported
   * Elasticsearch (8.11 or later, or 9.x).
   *
   * @param prefix index name prefix, {@code [a-z0-9][a-z0-9_.-]*}
   * @throws UnsupportedServerException when the server answered but is another version or not
   *     Elasticsearch (a configuration error)
   * @throws IndexerException naming the URL(s) when the cluster cannot be reached
   */
  public static VigilIndex connect(EsSettings settings, String prefix) throws IndexerException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "index prefix '" + prefix + "' must match [a-z0-9][a-z0-9_.-]*");
    }
    EsConnection es = EsConnection.open(settings);
    try {
      return new VigilIndex(es, prefix, ServerCheck.version(es));
    } catch (UnsupportedServerException e) {
      es.close();
      throw e;
    } catch (Exception e) {
      es.close();
      throw new IndexerException(connectError(settings, es, e), e);
    }
  }

  /**
   * Why connecting failed, in one line. A 401 or 403 is the cluster refusing these credentials, not
   * an outage, so the line says what to set rather than "cannot reach" (the crawl still spools).
   */
  private static String connectError(EsSettings settings, EsConnection es, Exception e) {
    String url = settings.urlList();
    if (e instanceof EsConnection.EsHttpException h && h.status() == 401) {
      return "Elasticsearch at "
          + url
          + (settings.apiKey() == null && settings.user() == null
              ? " needs credentials ("
              : " refused the credentials given (")
          + es.describe(e)
          + "): set VIGIL_ES_API_KEY, or VIGIL_ES_USER and VIGIL_ES_PASSWORD";
    }
    if (e instanceof EsConnection.EsHttpException h && h.status() == 403) {
      return "Elasticsearch at "
          + url
          + " does not let this user or API key read the cluster health ("
          + es.describe(e)
          + "): it needs the monitor cluster privilege (docs/CONFIGURATION.md)";
    }
    return "cannot reach Elasticsearch at " + url + ": " + es.describe(e);
  }

  /**
   * Opens a connection without contacting the cluster, for an indexer that must start while
   * Elasticsearch is down and spool until it is back.
   */
  public static VigilIndex open(EsSettings settings, String prefix) throws IndexerException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "index prefix '" + prefix + "' must match [a-z0-9][a-z0-9_.-]*");
    }
    return new VigilIndex(EsConnection.open(settings), prefix, null);
  }

  /**
   * The Elasticsearch version checked at connect time (the oldest node's), e.g. {@code 9.2.4};
   * empty for an index {@link #open opened} without contacting the cluster.
   */
  public Optional<String> serverVersion() {
    return Optional.ofNullable(serverVersion);
  }

  /** The write alias of flagged items, e.g. {@code vigil-flagged}. */
  public String alias() {
    return prefix + "-flagged";
  }

  /** The run history index, e.g. {@code vigil-runs}. */
  public String runsIndex() {
    return prefix + "-runs";
  }

  /**
   * Installs or updates the index templates, creates the first versioned index behind the alias and
   * the run history index when missing, and adds new template fields to existing indices.
   * Idempotent.
   */
  public void setup() throws IndexerException {
    try {
      ObjectNode flagged = template(FLAGGED_TEMPLATE, alias() + "-*");
      ObjectNode runs = template(RUNS_TEMPLATE, runsIndex() + "*");
      es.json("PUT", "/_index_template/" + alias(), flagged);
      es.json("PUT", "/_index_template/" + runsIndex(), runs);
      if (!exists("/_alias/" + alias())) {
        if (exists("/" + alias())) {
          throw new IndexerException(
              "cannot set up " + alias() + ": an index (not an alias) of that name exists");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("aliases").putObject(alias()).put("is_write_index", true);
        createIndex(alias() + "-000001", body);
      } else {
        es.json("PUT", "/" + alias() + "/_mapping", flagged.path("template").path("mappings"));
      }
      SpreadIndices.setup(es, prefix);
      if (!exists("/" + runsIndex())) {
        createIndex(runsIndex(), Json.MAPPER.createObjectNode());
      } else {
        es.json("PUT", "/" + runsIndex() + "/_mapping", runs.path("template").path("mappings"));
      }
    } catch (IOException e) {
      throw failure("set up indices", e);
    }
  }

  /** The index template of flagged items, as installed for this prefix. */
  public String flaggedTemplateJson() throws IndexerException {
    try {
      return Json.MAPPER.writeValueAsString(template(FLAGGED_TEMPLATE, alias() + "-*"));
    } catch (IOException e) {
      throw new IndexerException("cannot read the index template: " + e.getMessage(), e);
    }
  }

  private void createIndex(String name, ObjectNode body) throws IOException, IndexerException {
    try {
      es.json("PUT", "/" + name, body);
    } catch (EsHttpException e) {
      if (!e.body().contains("resource_already_exists_exception")) {
        throw e; // someone else created it at the same moment: fine
      }
    }
  }

  private boolean exists(String path) throws IOException {
    int status = es.head(path);
    if (status == 404) {
      return false;
    }
    if (status >= 300) {
      throw new IOException("HEAD " + path + " answered HTTP " + status);
    }
    return true;
  }

  /** A template resource with its index pattern set for this prefix. */
  private static ObjectNode template(String resource, String pattern) throws IOException {
    try (InputStream in = VigilIndex.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " missing from the classpath");
      }
      ObjectNode t = (ObjectNode) Json.MAPPER.readTree(in);
      t.putArray("index_patterns").add(pattern);
      return t;
    }
  }

  /**
   * One line about the cluster, e.g. {@code Elasticsearch 9.2.4, green (cluster vigil, 1 node, 12
   * active shards)} (no version for an index {@link #open opened} without contacting it).
   */
  public String health() {
    try {
      JsonNode h = es.json("GET", "/_cluster/health", null);
      long nodes = h.path("number_of_nodes").asLong();
      return String.format(
          Locale.ROOT,
          "%s%s (cluster %s, %d node%s, %d active shards)",
          serverVersion == null ? "" : "Elasticsearch " + serverVersion + ", ",
          h.path("status").asText(),
          h.path("cluster_name").asText(),
          nodes,
          nodes == 1 ? "" : "s",
          h.path("active_shards").asLong());
    } catch (Exception e) {
      return "unreachable (" + es.settings().urlList() + ": " + es.describe(e) + ")";
    }
  }

  /** A bulk indexer writing to the alias. Close it to flush and release its spool. */
  public ItemIndexer indexer(IndexerOptions options) throws IndexerException {
    Objects.requireNonNull(options, "options");
    return new ItemIndexer(new BulkEngine(es, alias(), SpreadIndices.copies(prefix), options));
  }

  /**
   * Spread tracking over this installation's items (ADR 0004); one per index, so that the updates
   * of concurrent crawls (the scheduler) run one at a time.
   */
  public synchronized SpreadTracker spread() {
    if (spread == null) {
      spread = new SpreadTracker(es, alias(), prefix);
    }
    return spread;
  }

  /**
   * A spread tracker of its own whose candidate searches name at most {@code candidatesPerSearch}
   * clusters each, so that tests reach the full-page case with a few hundred clusters.
   */
  SpreadTracker spread(int candidatesPerSearch) {
    return new SpreadTracker(
        es, new Tracker(es, alias(), prefix, candidatesPerSearch), new Reads(es, alias(), prefix));
  }

  /**
   * Flagged items matching the query, most relevant (then highest score) first; only currently
   * flagged ones unless {@link SearchQuery#includeCleared()}.
   */
  public List<SearchHit> search(SearchQuery query) throws IndexerException {
    Objects.requireNonNull(query, "query");
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("query", Queries.filter(query));
    body.put("size", query.limit());
    body.put("track_total_hits", false);
    Queries.sortByRelevanceThenScore(body);
    Queries.excludeText(body);
    try {
      return Queries.hits(es.search(alias(), "", body));
    } catch (IOException e) {
      throw failure("search '" + query.query() + "'", e);
    }
  }

  /**
   * How many flagged items match the query (its limit ignored); only currently flagged ones unless
   * {@link SearchQuery#includeCleared()}.
   */
  public long count(SearchQuery query) throws IndexerException {
    Objects.requireNonNull(query, "query");
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("query", Queries.filter(query));
    try {
      return es.count(alias(), body);
    } catch (IOException e) {
      throw failure("count '" + query.query() + "'", e);
    }
  }

  /**
   * Stores an analyst's verdict on an item ({@code vigil.review.*}: status {@code reviewed},
   * verdict, note, reviewer, time). Re-indexing the item later keeps the review.
   *
   * @throws IndexerException when no item has this id
   */
  public void review(String id, Verdict verdict, String note, String reviewer)
      throws IndexerException {
    requireText(id, "id");
    Objects.requireNonNull(verdict, "verdict");
    requireText(reviewer, "reviewer");
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode review = body.putObject("doc").putObject("vigil").putObject("review");
    review.put("status", "reviewed");
    review.put("verdict", verdict.wireName());
    review.put("note", note == null ? "" : note);
    review.put("reviewer", reviewer);
    review.put("at", Instant.now().toString());
    try {
      es.json(
          "POST",
          "/" + alias() + "/_update/" + encode(id) + "?refresh=wait_for&retry_on_conflict=3",
          body);
    } catch (EsHttpException e) {
      if (e.status() == 404) {
        throw new IndexerException("no flagged item with id '" + id + "' in " + alias());
      }
      throw failure("review " + id, e);
    } catch (IOException e) {
      throw failure("review " + id, e);
    }
  }

  /** Flagged items nobody has reviewed yet, highest score first. */
  public List<SearchHit> reviewQueue(int limit) throws IndexerException {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be within [1, 10000], was " + limit);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("query", Queries.unreviewed());
    body.put("size", limit);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put("vigil.score", "desc");
    sort.addObject().put("vigil.last_seen", "desc");
    Queries.excludeText(body);
    try {
      return Queries.hits(es.search(alias(), "", body));
    } catch (IOException e) {
      throw failure("read the review queue", e);
    }
  }

  /**
   * Every reviewed item with its text and verdict, oldest review first, fetched lazily page by
   * page. A failure while streaming surfaces as an {@link UncheckedIOException}.
   */
  public Stream<ReviewedItem> reviewedItems() throws IndexerException {
    ReviewedPages pages = new ReviewedPages();
    pages.fetch(); // fail now, as a checked exception, when the cluster is unreachable
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Lazily pages through reviewed items with search_after. */
  private final class ReviewedPages implements Iterator<ReviewedItem> {
    private static final int PAGE = 500;
    private final List<ReviewedItem> page = new ArrayList<>();
    private int position;
    private JsonNode after;
    private boolean done;

    void fetch() throws IndexerException {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set("query", Queries.reviewed());
      body.put("size", PAGE);
      ArrayNode sort = body.putArray("sort");
      sort.addObject().put("vigil.review.at", "asc");
      sort.addObject().put("vigil.id", "asc");
      if (after != null) {
        body.set("search_after", after);
      }
      try {
        JsonNode hits = es.search(alias(), "", body).path("hits").path("hits");
        page.clear();
        position = 0;
        for (JsonNode hit : hits) {
          page.add(Queries.reviewedItem(hit));
          after = hit.path("sort");
        }
        done = hits.size() < PAGE;
      } catch (IOException e) {
        throw failure("read reviewed items", e);
      }
    }

    @Override
    public boolean hasNext() {
      if (position < page.size()) {
        return true;
      }
      if (done) {
        return false;
      }
      try {
        fetch();
      } catch (IndexerException e) {
        throw new UncheckedIOException(new IOException(e.getMessage(), e));
      }
      return position < page.size();
    }

    @Override
    public ReviewedItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(position++);
    }
  }

  /**
   * Records (or updates, by run id) a crawl run in the run history. A finished run is searchable
   * when this returns ({@code refresh=wait_for}: {@code vigil runs} right after a crawl shows it);
   * a running one becomes searchable with the index's next refresh (within a second), so a crawl
   * does not wait up to a refresh interval before its first request.
   */
  public void recordRun(RunRecord run) throws IndexerException {
    Objects.requireNonNull(run, "run");
    String refresh = run.finished() == null ? "" : "?refresh=wait_for";
    try {
      es.json(
          "PUT", "/" + runsIndex() + "/_doc/" + encode(run.runId()) + refresh, Queries.runDoc(run));
    } catch (IOException e) {
      throw failure("record run " + run.runId(), e);
    }
  }

  /**
   * The most recent runs, newest first.
   *
   * @param sourceIdOrNull only this source's runs, or {@code null} for all
   * @param last how many, 1..10000
   */
  public List<RunRecord> runs(String sourceIdOrNull, int last) throws IndexerException {
    if (last < 1 || last > 10_000) {
      throw new IllegalArgumentException("last must be within [1, 10000], was " + last);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (sourceIdOrNull != null && !sourceIdOrNull.isBlank()) {
      body.putObject("query").putObject("term").put("source_id", sourceIdOrNull);
    }
    body.put("size", last);
    body.putArray("sort").addObject().put("started", "desc");
    try {
      List<RunRecord> runs = new ArrayList<>();
      for (JsonNode hit : es.search(runsIndex(), "", body).path("hits").path("hits")) {
        runs.add(Queries.runRecord(hit.path("_source")));
      }
      return runs;
    } catch (EsHttpException e) {
      if (e.status() == 404) {
        return List.of(); // no run recorded yet
      }
      throw failure("list runs", e);
    } catch (IOException e) {
      throw failure("list runs", e);
    }
  }

  /** Makes everything indexed so far visible to search. */
  public void refresh() throws IndexerException {
    try {
      es.json(
          "POST",
          "/"
              + alias()
              + ","
              + runsIndex()
              + ","
              + SpreadIndices.copies(prefix)
              + ","
              + SpreadIndices.clusters(prefix)
              + "/_refresh?ignore_unavailable=true",
          null);
    } catch (IOException e) {
      throw failure("refresh", e);
    }
  }

  /** The URL(s) this index talks to. */
  public String url() {
    return es.settings().urlList();
  }

  /** The URL(s) and alias; never credentials. */
  @Override
  public String toString() {
    return "VigilIndex[" + es.settings().urlList() + ", alias " + alias() + "]";
  }

  @Override
  public void close() {
    es.close();
  }

  private IndexerException failure(String what, Exception e) {
    return new IndexerException(
        "cannot " + what + " at " + es.settings().urlList() + ": " + es.describe(e), e);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
