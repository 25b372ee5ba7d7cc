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
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.FlaggedItem;

/**
 * End to end: a flagged page that later answers 404 (or 410) is marked gone on the next crawl,
 * keeping its flag, evidence and review; when it comes back the mark goes. Real site on 127.0.0.1,
 * real Elasticsearch, the default model.
 */
@ExtendWith(ElasticsearchExtension.class)
class GoneItemsTest {
  private static final String HOME_PAGE =
      "<!doctype html><html><head><title>Lenbridge Talk</title></head><body>"
          + "<p><a href=\"/thread.html\">A thread</a></p></body></html>";

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "clitest-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private HttpServer site;

  GoneItemsTest(TestElasticsearch es) {
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
      String path = exchange.getRequestURI().getPath();
      byte[] body = pages.get(path);
      if (body == null) {
        exchange.sendResponseHeaders(statuses.getOrDefault(path, 404), -1);
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

  private static byte[] demoPage(String file) throws IOException {
    try (InputStream in =
        GoneItemsTest.class.getResourceAsStream("/org/vigil/cli/demo/site/" + file)) {
      return in.readAllBytes();
    }
  }

  private Run vigil(String... args) {
    env.put("VIGIL_HOME", home.toString());
    return Run.of(env, args);
  }

  private JsonNode crawl(Path config, int expectedExit) throws Exception {
    Run crawl = vigil("crawl", "--config", config.toString(), "--json");
    assertThat(crawl.code()).as(crawl.toString()).isEqualTo(expectedExit);
    return Json.mapper().readTree(crawl.lastLine());
  }

  /** The newest run of the run history, as {@code vigil runs --json} prints it. */
  private JsonNode lastRun() throws Exception {
    Run runs = vigil("runs", "--source", "site", "--last", "1", "--json");
    assertThat(runs.code()).as(runs.toString()).isZero();
    return Json.mapper().readTree(runs.lastLine());
  }

  private List<String> search() {
    Run search = vigil("search", "*", "--json");
    assertThat(search.code()).as(search.toString()).isZero();
    return search.out().strip().lines().filter(l -> !l.isBlank()).toList();
  }

  private JsonNode esDoc(String id) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(esUrl + "/" + prefix + "-flagged/_doc/" + id))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).path("_source").path("vigil");
  }

  private Path config() throws IOException {
    return TestSite.sourcesYmlFor(home.resolve("sources.yml"), baseUrl());
  }

  @Test
  void aFlaggedPageThatAnswers404IsMarkedGoneAndUnmarkedWhenItComesBack() throws Exception {
    pages.put("/thread.html", demoPage("forum/nobody-listens.html")); // recruitment: flagged
    Path config = config();
    String url = baseUrl() + "/thread.html";
    String id = FlaggedItem.idFor(url);

    assertThat(crawl(config, ExitCodes.OK).get("flagged").asLong()).isEqualTo(1);
    Run review = vigil("review", id, "--verdict", "confirmed", "--note", "recruiter thread");
    assertThat(review.code()).as(review.toString()).isZero();
    assertThat(esDoc(id).has("gone_at")).isFalse();

    // The thread is taken down: 404 (a failure of the crawl, as before, and now a mark).
    pages.remove("/thread.html");
    Run secondRun = vigil("crawl", "--config", config.toString(), "--json");
    assertThat(secondRun.code()).as(secondRun.toString()).isEqualTo(ExitCodes.PARTIAL);
    JsonNode second = Json.mapper().readTree(secondRun.lastLine());
    assertThat(second.get("failed").asLong()).isEqualTo(1);
    // Counted as a mark Elasticsearch applied, in every place a run's counters show.
    assertThat(second.get("gone").asLong()).isEqualTo(1);
    assertThat(second.get("spooled").asLong()).isZero();
    assertThat(second.get("sources").get(0).get("gone").asLong()).isEqualTo(1);
    assertThat(secondRun.out()).contains(", cleared 0, gone 1 in ");
    JsonNode record = lastRun();
    assertThat(record.get("run_id").asText())
        .isEqualTo(second.get("sources").get(0).get("run_id").asText());
    assertThat(record.get("gone").asLong()).isEqualTo(1);
    Run runs = vigil("runs", "--source", "site", "--last", "1");
    assertThat(runs.out().lines().findFirst().orElseThrow()).contains("CLEARED  GONE ERRORS");
    assertThat(runs.out().lines().skip(1).findFirst().orElseThrow())
        .matches(".* 0 +1 fetch:http-404 x1$");
    JsonNode doc = esDoc(id);
    String goneAt = doc.path("gone_at").asText();
    assertThat(goneAt).isNotBlank();
    assertThat(doc.path("http_status").asInt()).isEqualTo(404);
    assertThat(doc.path("flagged").asBoolean(false)).isTrue();
    assertThat(doc.path("review").path("note").asText()).isEqualTo("recruiter thread");
    assertThat(doc.path("indicators").size()).isPositive();

    // Still a flagged item analysts find, marked gone.
    JsonNode hit = Json.mapper().readTree(search().get(0));
    assertThat(hit.get("id").asText()).isEqualTo(id);
    assertThat(hit.get("gone_at").asText()).isEqualTo(goneAt);
    assertThat(vigil("search", "*").out()).contains("[gone " + goneAt.substring(0, 10) + "]");

    // Still gone on the next crawl: the mark keeps when it first disappeared, nothing is marked.
    assertThat(crawl(config, ExitCodes.PARTIAL).get("gone").asLong()).isZero();
    assertThat(lastRun().get("gone").asLong()).isZero();
    assertThat(esDoc(id).path("gone_at").asText()).isEqualTo(goneAt);

    // Back: fetched and flagged again, no longer marked; the review is kept.
    pages.put("/thread.html", demoPage("forum/nobody-listens.html"));
    JsonNode back = crawl(config, ExitCodes.OK);
    assertThat(back.get("flagged").asLong()).isEqualTo(1);
    assertThat(back.get("gone").asLong()).isZero();
    doc = esDoc(id);
    assertThat(doc.path("gone_at").isNull()).isTrue();
    assertThat(doc.path("review").path("verdict").asText()).isEqualTo("confirmed");
    assertThat(search()).singleElement().asString().doesNotContain("gone_at");
    assertThat(vigil("search", "*").out()).doesNotContain("[gone");
  }

  @Test
  void aFlaggedPageIndexedUnderItsCanonicalUrlIsMarkedGoneThere() throws Exception {
    // The thread declares a canonical URL other than the one crawled: its document is under that.
    String canonical = baseUrl() + "/t/nobody-listens";
    pages.put(
        "/thread.html",
        new String(demoPage("forum/nobody-listens.html"), StandardCharsets.UTF_8)
            .replace("</title>", "</title><link rel=\"canonical\" href=\"" + canonical + "\">")
            .getBytes(StandardCharsets.UTF_8));
    Path config = config();
    String id = FlaggedItem.idFor(canonical);
    assertThat(crawl(config, ExitCodes.OK).get("flagged").asLong()).isEqualTo(1);
    assertThat(esDoc(id).path("canonical_url").asText()).isEqualTo(canonical);

    pages.remove("/thread.html");
    JsonNode second = crawl(config, ExitCodes.PARTIAL);
    assertThat(second.get("gone").asLong()).isEqualTo(1);
    assertThat(lastRun().get("gone").asLong()).isEqualTo(1);
    JsonNode doc = esDoc(id);
    assertThat(doc.path("gone_at").asText()).isNotBlank();
    assertThat(doc.path("http_status").asInt()).isEqualTo(404);
    assertThat(doc.path("flagged").asBoolean(false)).isTrue();
    JsonNode hit = Json.mapper().readTree(search().get(0));
    assertThat(hit.get("id").asText()).isEqualTo(id);
    assertThat(hit.get("gone_at").asText()).isEqualTo(doc.path("gone_at").asText());
  }

  @Test
  void aGonePageThatComesBackNoLongerFlaggedIsClearedAndUnmarked() throws Exception {
    pages.put("/thread.html", demoPage("forum/nobody-listens.html"));
    Path config = config();
    String id = FlaggedItem.idFor(baseUrl() + "/thread.html");
    assertThat(crawl(config, ExitCodes.OK).get("flagged").asLong()).isEqualTo(1);

    pages.remove("/thread.html");
    statuses.put("/thread.html", 410);
    assertThat(crawl(config, ExitCodes.PARTIAL).get("gone").asLong()).isEqualTo(1);
    assertThat(lastRun().get("gone").asLong()).isEqualTo(1);
    assertThat(esDoc(id).path("http_status").asInt()).isEqualTo(410);

    // Back with other text: re-classified as a re-crawl, so the old flag is cleared too.
    pages.put("/thread.html", demoPage("community/garden.html"));
    JsonNode back = crawl(config, ExitCodes.OK);
    assertThat(back.get("cleared").asLong()).isEqualTo(1);
    JsonNode doc = esDoc(id);
    assertThat(doc.path("flagged").asBoolean(true)).isFalse();
    assertThat(doc.path("gone_at").isNull()).isTrue();
    assertThat(search()).isEmpty();
  }

  @Test
  void aMarkSpooledWhileElasticsearchIsDownCountsAsSpooledNotGoneAndIsAppliedByReplay()
      throws Exception {
    pages.put("/thread.html", demoPage("forum/nobody-listens.html"));
    Path config = config();
    String id = FlaggedItem.idFor(baseUrl() + "/thread.html");
    assertThat(crawl(config, ExitCodes.OK).get("flagged").asLong()).isEqualTo(1);

    // Taken down while Elasticsearch is down: the mark goes to the spool, as a clear would.
    pages.remove("/thread.html");
    String down = "http://127.0.0.1:" + EsCommandsTest.freePort();
    Run crawl = vigil("crawl", "--config", config.toString(), "--json", "--es", down);
    assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.PARTIAL);
    JsonNode spooled = Json.mapper().readTree(crawl.lastLine());
    assertThat(spooled.get("spooled").asLong()).isEqualTo(1);
    assertThat(spooled.get("gone").asLong()).isZero();
    assertThat(esDoc(id).has("gone_at")).isFalse();

    Run replay = vigil("replay");
    assertThat(replay.code()).as(replay.toString()).isZero();
    assertThat(replay.out()).contains("replayed 1 of 1");
    assertThat(esDoc(id).path("http_status").asInt()).isEqualTo(404);
    // The crawl state took the spooled mark: the next crawl does not mark the page again.
    assertThat(crawl(config, ExitCodes.PARTIAL).get("gone").asLong()).isZero();
  }

  @Test
  void a410OfAPageNeverFlaggedMarksNothingAndCreatesNoDocument() throws Exception {
    pages.put("/thread.html", demoPage("community/garden.html")); // not flagged
    Path config = config();
    assertThat(crawl(config, ExitCodes.OK).get("flagged").asLong()).isZero();

    pages.remove("/thread.html");
    statuses.put("/thread.html", 410);
    JsonNode second = crawl(config, ExitCodes.PARTIAL);
    assertThat(second.get("failed").asLong()).isEqualTo(1);
    assertThat(second.get("spooled").asLong()).isZero();
    assertThat(second.get("gone").asLong()).as("no document: nothing marked").isZero();
    assertThat(search()).isEmpty();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            esUrl
                                + "/"
                                + prefix
                                + "-flagged/_doc/"
                                + FlaggedItem.idFor(baseUrl() + "/thread.html")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }
}
