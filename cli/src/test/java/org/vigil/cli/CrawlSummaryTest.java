package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
import org.vigil.indexer.VigilIndex;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.RunRecord;

/**
 * What a crawl's counters say about skipped pages (unchanged, duplicate, same canonical) and pages
 * in a language the model does not classify, in the summary line, {@code --json}, the run history
 * and the metrics. Real site on 127.0.0.1, real Elasticsearch, the default model.
 */
@ExtendWith(ElasticsearchExtension.class)
class CrawlSummaryTest {
  private static final String GERMAN =
      "Die Stadtbibliothek hat am Montag nach einem Jahr der Renovierung wieder geöffnet. Es gibt"
          + " einen neuen Lesesaal, längere Öffnungszeiten und eine Kinderecke mit vielen"
          + " Bilderbüchern. Freiwillige haben am Wochenende zwanzigtausend Bücher zurück in die"
          + " Regale gestellt, und der Bürgermeister dankte allen, die für die Restaurierung"
          + " gespendet haben.";

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "clitest-" + UUID.randomUUID().toString().substring(0, 8);
  private TestSite site;

  CrawlSummaryTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
  }

  @BeforeEach
  void startSite() throws Exception {
    String canonical = "<link rel=canonical href=\"/y.html\">";
    site =
        TestSite.recruitmentAndOrdinary()
            .put(
                "/",
                "<!doctype html><html><head><title>Lenbridge</title></head><body><p>"
                    // English link titles: the listing fallback reads them as the home page's
                    // text, which must not count as a page in another language
                    + "<a href=\"/x.html\">The news of the town</a>"
                    + " <a href=\"/y.html\">The market and the prices</a>"
                    + " <a href=\"/copy.html\">A copy of the market page</a>"
                    + " <a href=\"/print.html\">The print version of it</a>"
                    + " <a href=\"/de.html\">The library in German</a></p></body></html>")
            .put("/copy.html", TestSite.page("Market", TestData.ordinary())) // same as /y.html
            .put(
                "/print.html",
                TestSite.page("Market (print)", TestData.ordinary() + " Printed from the web.")
                    .replace("</title>", "</title>" + canonical))
            .put("/de.html", TestSite.page("Bibliothek", GERMAN));
  }

  @AfterEach
  void stop() throws Exception {
    site.close();
    TestIndices.drop(esUrl, prefix);
  }

  private Run vigil(String... args) {
    env.put("VIGIL_HOME", home.toString());
    return Run.of(env, args);
  }

  @Test
  void skipsAreSplitByReasonAndUnsupportedLanguagesCountedEverywhere() throws Exception {
    Path config = site.sourcesYml(home.resolve("sources.yml"));
    // One thread: /y.html is handed on before its copy and its print version (FIFO per host).
    Run first = vigil("crawl", "--config", config.toString(), "--json", "--threads", "1");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("crawl site: ok, fetched 4, unsupported language 1, skipped 2 (unchanged 0,")
        .contains(" duplicate 1, same-canonical 1), failed 0, flagged 1,");
    JsonNode json = Json.mapper().readTree(first.lastLine());
    assertThat(json.get("unsupported_language").asLong()).isEqualTo(1);
    assertThat(json.get("skipped").asLong()).isEqualTo(2);
    assertThat(json.get("unchanged").asLong()).isZero();
    assertThat(json.get("duplicate").asLong()).isEqualTo(1);
    assertThat(json.get("same_canonical").asLong()).isEqualTo(1);
    assertThat(json.get("sources").get(0).get("same_canonical").asLong()).isEqualTo(1);
    assertThat(lastRun().get("unsupported_language").asLong()).isEqualTo(1);
    assertThat(lastRun().get("duplicate").asLong()).isEqualTo(1);

    // Nothing changed: every page answers 304.
    Run second = vigil("crawl", "--config", config.toString(), "--json", "--threads", "1");
    assertThat(second.code()).as(second.toString()).isZero();
    JsonNode again = Json.mapper().readTree(second.lastLine());
    assertThat(again.get("fetched").asLong()).isZero();
    assertThat(again.get("unchanged").asLong())
        .isEqualTo(6)
        .isEqualTo(again.get("skipped").asLong());
    assertThat(again.get("unsupported_language").asLong()).isZero();
    JsonNode run = lastRun();
    assertThat(run.get("unchanged").asLong()).isEqualTo(6);
    assertThat(run.get("duplicate").asLong()).isZero();
    Run table = vigil("runs", "--source", "site", "--last", "1");
    assertThat(table.out().lines().findFirst().orElseThrow())
        .contains("FETCHED  UNSUPP SKIPPED UNCHANGED");
    assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
        .contains(" 0       0       6         6 ");
  }

  @Test
  void metricsCountPagesAndItemsPerSourceAndTheLastSuccessfulRun() throws Exception {
    SourcesConfig config =
        org.vigil.cli.internal.Configs.load(site.sourcesYml(home.resolve("s.yml")));
    VigilIndex index = VigilIndex.connect(EsSettings.of(esUrl), prefix);
    index.setup();
    try (Metrics metrics = Metrics.serve(0, home.resolve("spool"));
        Pipeline pipeline = TestPipelines.defaultModel(home, index, metrics)) {
      pipeline.threads(1);
      RunRecord first = pipeline.crawl(config, config.sources().get(0), "manual");
      assertThat(first.status()).isEqualTo("ok");
      String scraped = scrape(metrics.port());
      assertThat(scraped)
          .contains("vigil_pages_fetched_total{source=\"site\"} 4.0")
          .contains("vigil_pages_unsupported_language_total{source=\"site\"} 1.0")
          .contains("vigil_items_flagged_total{source=\"site\"} 1.0")
          .contains(
              "vigil_last_success_timestamp_seconds{source=\"site\"} "
                  + (double) first.finished().getEpochSecond());

      site.remove("/x.html"); // the flagged page is taken down: 404, marked gone
      RunRecord second = pipeline.crawl(config, config.sources().get(0), "manual");
      assertThat(second.status()).isEqualTo("partial");
      assertThat(scrape(metrics.port()))
          .contains("vigil_items_gone_total{source=\"site\"} 1.0")
          .contains(
              "vigil_pages_failed_total{cause=\"http-404\",source=\"site\",stage=\"fetch\"} 1.0")
          .contains(
              "vigil_last_success_timestamp_seconds{source=\"site\"} "
                  + (double) second.finished().getEpochSecond());
    }
  }

  private JsonNode lastRun() throws Exception {
    Run runs = vigil("runs", "--source", "site", "--last", "1", "--json");
    assertThat(runs.code()).as(runs.toString()).isZero();
    return Json.mapper().readTree(runs.lastLine());
  }

  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
