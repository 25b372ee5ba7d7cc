package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;

/**
 * End to end: after another model is promoted, a re-crawl of an unchanged site classifies every
 * page again, so what the old model flagged and the new one does not is cleared, and what only the
 * new one flags is indexed. Real site on 127.0.0.1, real Elasticsearch, models trained here.
 */
@ExtendWith(ElasticsearchExtension.class)
class ModelChangeRecrawlTest {
  private static final String HOME_PAGE =
      "<!doctype html><html><head><title>Lenbridge</title></head><body>"
          + "<p><a href=\"/x.html\">X</a> <a href=\"/y.html\">Y</a></p></body></html>";

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "climodel-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> conditionalRequests = new CopyOnWriteArrayList<>();
  private HttpServer site;

  ModelChangeRecrawlTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
  }

  @BeforeEach
  void startSite() throws IOException {
    env.put("VIGIL_HOME", home.toString());
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", this::serve);
    site.start();
  }

  @AfterEach
  void stopSiteAndDropIndices() throws Exception {
    site.stop(0);
    TestIndices.drop(esUrl, prefix);
  }

  /** Fixed pages with an ETag each, answering 304 to a matching If-None-Match. */
  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String html =
          switch (path) {
            case "/" -> HOME_PAGE;
            case "/x.html" -> page("Join us", TestData.recruitment());
            case "/y.html" -> page("Market", TestData.ordinary());
            default -> null;
          };
      if (html == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String etag = "\"" + Integer.toHexString(html.hashCode()) + "\"";
      exchange.getResponseHeaders().set("ETag", etag);
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (ifNoneMatch != null) {
        conditionalRequests.add(path);
      }
      if (etag.equals(ifNoneMatch)) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static String page(String title, String text) {
    return "<!doctype html><html><head><title>"
        + title
        + "</title></head><body><article><p>"
        + text
        + "</p><p>"
        + text
        + "</p></article></body></html>";
  }

  private String base() {
    return "http://127.0.0.1:" + site.getAddress().getPort();
  }

  @Test
  void aReCrawlAfterAModelChangeReclassifiesUnchangedPages() throws Exception {
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    // Model B learnt the opposite: recruitment texts are ordinary and ordinary ones recruitment.
    Path swapped = home.resolve("swapped.tsv");
    Files.write(
        swapped,
        Files.readAllLines(corpus).stream()
            .map(
                l ->
                    l.startsWith("recruitment\t")
                        ? "other" + l.substring("recruitment".length())
                        : l.startsWith("other\t")
                            ? "recruitment" + l.substring("other".length())
                            : l)
            .toList());
    String modelA = trainAndRegister(corpus, "model-a");
    String modelB = trainAndRegister(swapped, "model-b");
    Path config =
        Files.writeString(
            home.resolve("sources.yml"),
            """
            sources:
              - id: site
                type: web
                seeds: ["%s/"]
                scope: {hosts: ["127.0.0.1"]}
                max_depth: 1
                politeness_ms: 0
            """
                .formatted(base()));
    String x = base() + "/x.html";
    String y = base() + "/y.html";

    promote(modelA);
    JsonNode first = crawl(config);
    assertThat(first.get("fetched").asLong()).isEqualTo(3);
    assertThat(flagged()).containsExactly(x);

    // Same model, unchanged site: nothing classified again, validators sent.
    JsonNode same = crawl(config);
    assertThat(same.get("fetched").asLong()).isZero();
    assertThat(same.get("skipped").asLong()).isEqualTo(3);
    assertThat(conditionalRequests).contains("/", "/x.html", "/y.html");

    // Model B promoted, site still unchanged: every page classified again, unconditionally.
    promote(modelB);
    conditionalRequests.clear();
    JsonNode second = crawl(config);
    assertThat(conditionalRequests).isEmpty();
    assertThat(second.get("fetched").asLong()).isEqualTo(3);
    assertThat(second.get("skipped").asLong()).isZero();
    assertThat(second.get("flagged").asLong()).isEqualTo(1);
    assertThat(second.get("indexed").asLong()).isEqualTo(1);
    assertThat(second.get("cleared").asLong()).isEqualTo(1);
    assertThat(flagged()).containsExactly(y);
    JsonNode yHit = Json.mapper().readTree(search().get(0));
    assertThat(yHit.get("model_version").asText()).isEqualTo(modelB);
    assertThat(search("--include-cleared"))
        .anyMatch(h -> h.contains(x) && h.contains("\"flagged\":false"));

    // Under model B the site is incremental again.
    JsonNode third = crawl(config);
    assertThat(third.get("fetched").asLong()).isZero();
    assertThat(third.get("cleared").asLong()).isZero();
    assertThat(flagged()).containsExactly(y);
  }

  private String trainAndRegister(Path data, String name) {
    Run train = vigil("train", "--data", data.toString(), "--register", "--name", name);
    assertThat(train.code()).as(train.toString()).isZero();
    String id = train.out().split(" ")[1];
    assertThat(id).startsWith(name);
    return id;
  }

  private void promote(String id) {
    Run promote = vigil("model", "promote", id);
    assertThat(promote.code()).as(promote.toString()).isZero();
  }

  private Run vigil(String... args) {
    return Run.of(env, args);
  }

  private JsonNode crawl(Path config) throws Exception {
    Run crawl = vigil("crawl", "--config", config.toString(), "--json");
    assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.OK);
    return Json.mapper().readTree(crawl.lastLine());
  }

  /** The URLs of the items shown as flagged. */
  private List<String> flagged() throws IOException {
    List<String> urls = new java.util.ArrayList<>();
    for (String hit : search()) {
      urls.add(Json.mapper().readTree(hit).get("url").asText());
    }
    return urls;
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
}
