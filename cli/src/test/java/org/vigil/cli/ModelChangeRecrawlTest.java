package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "climodel-" + UUID.randomUUID().toString().substring(0, 8);
  private TestSite site;

  ModelChangeRecrawlTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
  }

  @BeforeEach
  void startSite() throws IOException {
    env.put("VIGIL_HOME", home.toString());
    site = TestSite.recruitmentAndOrdinary();
  }

  @AfterEach
  void stopSiteAndDropIndices() throws Exception {
    site.close();
    TestIndices.drop(esUrl, prefix);
  }

  @Test
  void aReCrawlAfterAModelChangeReclassifiesUnchangedPages() throws Exception {
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    // Model B learnt the opposite: recruitment texts are ordinary and ordinary ones recruitment.
    Path swapped = TestModels.swappedLabels(corpus, home.resolve("swapped.tsv"));
    String modelA = TestModels.register(env, corpus, "model-a");
    String modelB = TestModels.register(env, swapped, "model-b");
    Path config = site.sourcesYml(home.resolve("sources.yml"));
    String x = site.base() + "/x.html";
    String y = site.base() + "/y.html";

    TestModels.promote(env, modelA);
    JsonNode first = crawl(config);
    assertThat(first.get("fetched").asLong()).isEqualTo(3);
    assertThat(flagged()).containsExactly(x);

    // Same model, unchanged site: nothing classified again, validators sent.
    JsonNode same = crawl(config);
    assertThat(same.get("fetched").asLong()).isZero();
    assertThat(same.get("skipped").asLong()).isEqualTo(3);
    assertThat(site.conditionalRequests()).contains("/", "/x.html", "/y.html");

    // Model B promoted, site still unchanged: every page classified again, unconditionally.
    TestModels.promote(env, modelB);
    site.clearConditionalRequests();
    JsonNode second = crawl(config);
    assertThat(site.conditionalRequests()).isEmpty();
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

  @Test
  void aSourcesFlagThresholdDecidesItsFlagsAndChangingItReclassifies() throws Exception {
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    String model = TestModels.register(env, corpus, "model-a");
    TestModels.promote(env, model);
    String x = site.base() + "/x.html";
    String y = site.base() + "/y.html";
    crawl(site.sourcesYml(home.resolve("sources.yml")));
    assertThat(flagged()).containsExactly(x);
    double score = Json.mapper().readTree(search().get(0)).get("score").asDouble();

    // Above x's score: x is classified again (the threshold is part of the version) and cleared.
    double strict = Math.floor((score + 1) / 2 * 1000) / 1000;
    assertThat(strict).isGreaterThan(score).isLessThan(1);
    JsonNode raised =
        crawl(site.sourcesYml(home.resolve("sources.yml"), "flag_threshold: " + strict));
    assertThat(raised.get("fetched").asLong()).isEqualTo(3);
    assertThat(raised.get("cleared").asLong()).isEqualTo(1);
    assertThat(flagged()).isEmpty();
    JsonNode cleared = Json.mapper().readTree(search("--include-cleared").get(0));
    assertThat(cleared.get("model_version").asText()).isEqualTo(model + "@" + strict);

    // Far below: the ordinary page is flagged too, at that source only.
    crawl(site.sourcesYml(home.resolve("sources.yml"), "flag_threshold: 0.001"));
    assertThat(flagged()).contains(x, y);
    assertThat(Json.mapper().readTree(search().get(0)).get("model_version").asText())
        .isEqualTo(model + "@0.001");
  }

  @Test
  void aSourceScoredWithTheSemanticStageSaysSoAndFailsUnderAModelItDoesNotFit() throws Exception {
    Path config = site.sourcesYml(home.resolve("sources.yml"), "scoring: semantic");
    String x = site.base() + "/x.html";

    JsonNode first = crawl(config); // the default model, for which the stage is calibrated
    assertThat(first.get("fetched").asLong()).as(first.toString()).isEqualTo(3);
    assertThat(flagged()).containsExactly(x);
    assertThat(Json.mapper().readTree(search().get(0)).get("model_version").asText())
        .matches("vigil-default-[0-9a-f]{12}\\+e5-small-v2-q-[0-9a-f]{12}");

    // Another model active: the source's run fails and says why; nothing is scored another way.
    TestModels.promote(
        env, TestModels.register(env, TestData.labelledTsv(home.resolve("c.tsv"), 12), "m"));
    Run refused = vigil("crawl", "--config", config.toString(), "--json");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
    JsonNode run = Json.mapper().readTree(refused.lastLine()).get("sources").get(0);
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("fetched").asLong()).isZero();
    assertThat(run.get("error_summary").asText())
        .startsWith("scoring: semantic: semantic stage e5-small-v2-q-")
        .contains("was calibrated for model vigil-default-");
    assertThat(flagged()).containsExactly(x);
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
