package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.internal.Json;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Pipeline;
import org.vigil.crawler.SourcesConfig;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.FlaggedItemJson;
import org.vigil.indexer.VigilIndex;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.FlaggedItem;
import org.vigil.model.RunRecord;
import org.vigil.model.Scope;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/**
 * End to end: a page flagged on one crawl that changes so it is no longer flagged stops showing as
 * flagged after the next crawl, with its review kept. Real site on 127.0.0.1, real Elasticsearch,
 * the default model.
 */
@ExtendWith(ElasticsearchExtension.class)
class ClearedItemsTest {
  private static final String HOME_PAGE =
      "<!doctype html><html><head><title>Lenbridge Talk</title></head><body>"
          + "<p><a href=\"/thread.html\">A thread</a></p></body></html>";

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "clitest-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
  private HttpServer site;

  ClearedItemsTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
    env.put("USER", "tester");
  }

  @BeforeEach
  void startSite() throws IOException {
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", this::serve);
    site.start();
    pages.put("/", HOME_PAGE.getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stopSiteAndDropIndices() throws Exception {
    site.stop(0);
    TestIndices.drop(esUrl, prefix);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = pages.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + site.getAddress().getPort();
  }

  /** A page of the bundled demo site (its expected.tsv says whether the default model flags it). */
  private static byte[] demoPage(String file) throws IOException {
    try (InputStream in =
        ClearedItemsTest.class.getResourceAsStream("/org/vigil/cli/demo/site/" + file)) {
      return in.readAllBytes();
    }
  }

  private Run vigil(String... args) {
    env.put("VIGIL_HOME", home.toString());
    return Run.of(env, args);
  }

  private JsonNode crawl(Path config) throws Exception {
    Run crawl = vigil("crawl", "--config", config.toString(), "--json");
    assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.OK);
    return Json.mapper().readTree(crawl.lastLine());
  }

  private List<String> search(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "search";
    args[1] = "*";
    args[2] = "--json";
    System.arraycopy(extra, 0, args, 3, extra.length);
    Run search = vigil(args);
    assertThat(search.code()).as(search.toString()).isZero();
    return search.out().strip().lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void aPageNoLongerFlaggedAfterItChangedIsClearedOnTheNextCrawl() throws Exception {
    pages.put("/thread.html", demoPage("forum/nobody-listens.html")); // recruitment: flagged
    Path config = TestSite.sourcesYmlFor(home.resolve("sources.yml"), baseUrl());
    String url = baseUrl() + "/thread.html";
    String id = FlaggedItem.idFor(url);

    JsonNode first = crawl(config);
    assertThat(first.get("flagged").asLong()).isEqualTo(1);
    assertThat(first.get("cleared").asLong()).isZero();
    assertThat(search()).singleElement().asString().contains(url);
    Run review = vigil("review", id, "--verdict", "confirmed", "--note", "recruiter thread");
    assertThat(review.code()).as(review.toString()).isZero();

    // The thread is edited: only the garden notice is left.
    pages.put("/thread.html", demoPage("community/garden.html"));
    JsonNode second = crawl(config);
    assertThat(second.get("flagged").asLong()).isZero();
    assertThat(second.get("cleared").asLong()).isEqualTo(1);
    assertThat(second.get("failed").asLong()).isZero();

    // Not reported as flagged any more: not by search, the review queue or a count ...
    assertThat(search()).isEmpty();
    Run table = vigil("search", "*");
    assertThat(table.out()).doesNotContain(url).contains("0 item(s)");
    assertThat(vigil("review", "--queue", "--json").out()).doesNotContain(id);
    // ... but kept, with its review, for whoever asks for cleared items.
    List<String> all = search("--include-cleared");
    assertThat(all).hasSize(1);
    JsonNode hit = Json.mapper().readTree(all.get(0));
    assertThat(hit.get("id").asText()).isEqualTo(id);
    assertThat(hit.get("flagged").asBoolean()).isFalse();
    assertThat(hit.get("cleared_at").isNull()).isFalse();
    assertThat(hit.get("verdict").asText()).isEqualTo("confirmed");
    assertThat(vigil("search", "*", "--include-cleared").out()).contains("[cleared ");
    JsonNode doc = esDoc(id);
    assertThat(doc.path("vigil").path("flagged").asBoolean(true)).isFalse();
    assertThat(doc.path("vigil").path("review").path("note").asText())
        .isEqualTo("recruiter thread");

    // Unchanged on the third crawl: nothing to classify, nothing cleared again.
    JsonNode third = crawl(config);
    assertThat(third.get("cleared").asLong()).isZero();
    assertThat(third.get("skipped").asLong()).isPositive();

    // Flagged content again: shown again.
    pages.put("/thread.html", demoPage("forum/nobody-listens.html"));
    assertThat(crawl(config).get("flagged").asLong()).isEqualTo(1);
    assertThat(search()).singleElement().asString().contains(url);
  }

  @Test
  void aFlaggedPageThatBecomesAnExactCopyOfAnUnflaggedPageIsCleared() throws Exception {
    pages.put(
        "/",
        HOME_PAGE
            .replace("</p>", " <a href=\"/garden.html\">Garden</a></p>")
            .getBytes(StandardCharsets.UTF_8));
    pages.put("/thread.html", demoPage("forum/nobody-listens.html")); // flagged
    pages.put("/garden.html", demoPage("community/garden.html")); // not flagged
    Path config = TestSite.sourcesYmlFor(home.resolve("sources.yml"), baseUrl());
    String id = FlaggedItem.idFor(baseUrl() + "/thread.html");
    assertThat(crawl(config).get("flagged").asLong()).isEqualTo(1);

    // The thread is replaced by the very garden notice: a copy of a page already crawled. It is
    // classified again (not skipped as a duplicate), so its flag does not outlive its text.
    pages.put("/thread.html", demoPage("community/garden.html"));
    JsonNode second = crawl(config);
    assertThat(second.get("cleared").asLong()).isEqualTo(1);
    assertThat(second.get("flagged").asLong()).isZero();
    assertThat(search()).isEmpty();
    assertThat(esDoc(id).path("vigil").path("flagged").asBoolean(true)).isFalse();
    assertThat(crawl(config).get("cleared").asLong()).isZero(); // unchanged from now on
  }

  @Test
  void aPageIndexedUnderItsCanonicalUrlIsClearedUnderIt() throws Exception {
    String canonical = baseUrl() + "/t/nobody-listens";
    String link = "<link rel=\"canonical\" href=\"" + canonical + "\">";
    pages.put("/thread.html", withCanonical(demoPage("forum/nobody-listens.html"), link));
    Path config = TestSite.sourcesYmlFor(home.resolve("sources.yml"), baseUrl());
    String id = FlaggedItem.idFor(canonical);
    assertThat(crawl(config).get("flagged").asLong()).isEqualTo(1);
    assertThat(esDoc(id).path("vigil").path("flagged").asBoolean(false)).isTrue();

    // Same canonical URL, benign text now: the clear reaches the document the add created.
    pages.put("/thread.html", withCanonical(demoPage("community/garden.html"), link));
    assertThat(crawl(config).get("cleared").asLong()).isEqualTo(1);
    assertThat(esDoc(id).path("vigil").path("flagged").asBoolean(true)).isFalse();
    assertThat(search()).isEmpty();
  }

  private static byte[] withCanonical(byte[] html, String link) {
    return new String(html, StandardCharsets.UTF_8)
        .replace("</title>", "</title>" + link)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void onlyChangedPagesTheCrawlStateKnewAreHandedOnAsClears() throws Exception {
    pages.put("/thread.html", demoPage("forum/nobody-listens.html"));
    Source source =
        new Source(
            "site",
            SourceType.WEB,
            List.of(baseUrl() + "/"),
            new Scope(List.of("127.0.0.1"), List.of(), List.of()),
            1,
            100,
            0,
            null);
    SourcesConfig config = SourcesConfig.of(false, null, List.of(source));
    VigilIndex index = VigilIndex.connect(EsSettings.of(esUrl), prefix);
    index.setup();
    try (Metrics metrics = Metrics.none(home.resolve("spool"))) {
      Pipeline pipeline = TestPipelines.defaultModel(home, index, metrics);
      try (pipeline) { // closes the index too
        // First crawl: "/" is new and not flagged, the thread new and flagged: no clear sent.
        RunRecord first = pipeline.crawl(config, source, "manual");
        assertThat(first.stats().fetched()).isEqualTo(2);
        assertThat(first.stats().flagged()).isEqualTo(1);
        assertThat(pipeline.indexStats().clears()).isZero();

        // Second crawl: the thread changed and is not flagged any more; "/" now links a new,
        // unflagged page. The new page is no clear; "/" is (its text, a listing of link titles,
        // changed) but has no document: nothing to clear. Only the thread's document is cleared.
        pages.put("/thread.html", demoPage("community/garden.html"));
        pages.put(
            "/",
            HOME_PAGE
                .replace("</p>", " <a href=\"/new.html\">new</a></p>")
                .getBytes(StandardCharsets.UTF_8));
        pages.put("/new.html", demoPage("community/fire-brigade.html"));
        RunRecord second = pipeline.crawl(config, source, "manual");
        assertThat(second.stats().flagged()).isZero();
        assertThat(second.stats().cleared()).isEqualTo(1);
        assertThat(pipeline.indexStats().clears()).isEqualTo(2);
        assertThat(pipeline.indexStats().cleared()).isEqualTo(1);
        assertThat(pipeline.indexStats().nothingToClear()).isEqualTo(1);
      }
    }
  }

  @Test
  void theDemoClearsAnItemAnOlderModelFlagged() throws Exception {
    int port = EsCommandsTest.freePort();
    // What an older model left in the index: /privacy.html flagged.
    FlaggedItem stale = EsCommandsTest.item("privacy");
    String privacy = "http://127.0.0.1:" + port + "/privacy.html";
    stale =
        new FlaggedItem(
            FlaggedItem.idFor(privacy),
            "demo",
            privacy,
            privacy,
            stale.title(),
            stale.text(),
            null,
            null,
            stale.crawledAt(),
            stale.contentHash(),
            stale.simhash(),
            stale.classification());
    Path items = Files.writeString(home.resolve("stale.jsonl"), FlaggedItemJson.toJson(stale));
    assertThat(vigil("index", "--input", items.toString()).code()).isZero();
    assertThat(search()).singleElement().asString().contains(privacy);

    Run demo = vigil("demo", "--port", String.valueOf(port));
    assertThat(demo.code()).as(demo.toString()).isZero();
    List<String> hits = search("--limit", "100");
    assertThat(hits).noneMatch(h -> h.contains("/privacy.html"));
    assertThat(demo.out()).contains(hits.size() + " demo item(s) in the index");
    assertThat(esDoc(stale.id()).path("vigil").path("flagged").asBoolean(true)).isFalse();
  }

  @Test
  void indexInputAppliesTheSpoolsClearLines() throws Exception {
    FlaggedItem flagged = EsCommandsTest.item("cleared-by-file");
    FlaggedItem unflagged =
        new FlaggedItem(
            flagged.id(),
            flagged.sourceId(),
            flagged.url(),
            flagged.canonicalUrl(),
            flagged.title(),
            "Opening hours of the garden",
            null,
            null,
            flagged.crawledAt().plusSeconds(60),
            "hash-v2",
            2L,
            new org.vigil.model.Classification(
                "other", 0.1, false, "en", Map.of("other", 0.9), List.of(), "test-model", -1));
    String clearLine = "{\"op\":\"clear\"," + FlaggedItemJson.toJson(unflagged).substring(1);
    Path items =
        Files.write(
            home.resolve("ops.jsonl"),
            List.of(
                FlaggedItemJson.toJson(flagged),
                clearLine,
                clearLine.replace(flagged.id(), FlaggedItem.idFor("https://never.example.org/"))));
    Run index = vigil("index", "--input", items.toString());
    assertThat(index.code()).as(index.toString()).isZero();
    assertThat(index.out())
        .contains("read 3 item(s): 1 indexed, 0 spooled, 0 failed; 1 cleared, 1 with nothing");
    assertThat(search()).isEmpty();
    assertThat(search("--include-cleared"))
        .singleElement()
        .asString()
        .contains("\"flagged\":false");

    Path bad =
        Files.writeString(home.resolve("bad.jsonl"), clearLine.replace("\"clear\"", "\"x\""));
    Run rejected = vigil("index", "--input", bad.toString());
    assertThat(rejected.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(rejected.err()).contains("bad.jsonl:1: invalid item: unknown op 'x'");
  }

  private JsonNode esDoc(String id) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(esUrl + "/" + prefix + "-flagged/_doc/" + id))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).path("_source");
  }
}
