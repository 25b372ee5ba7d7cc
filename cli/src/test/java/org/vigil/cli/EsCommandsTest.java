package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.demo.DemoSite;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.FlaggedItemJson;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.Classification;
import org.vigil.model.FlaggedItem;
import org.vigil.model.IndicatorHit;

/** Commands against a real Elasticsearch and the real demo site, with the default model. */
@ExtendWith(ElasticsearchExtension.class)
class EsCommandsTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  private final String esUrl;
  private final String prefix = "clitest-" + UUID.randomUUID().toString().substring(0, 8);

  EsCommandsTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", es.url());
    env.put("VIGIL_ES_PREFIX", prefix);
    env.put("USER", "tester");
  }

  @org.junit.jupiter.api.AfterEach
  void dropIndices() throws Exception {
    TestIndices.drop(esUrl, prefix);
  }

  private Run vigil(String... args) {
    env.put("VIGIL_HOME", home.toString());
    return Run.of(env, args);
  }

  static String sourcesYml(String baseUrl) {
    return """
        allow_private_networks: false
        sources:
          - id: site
            type: web
            seeds: ["%s/"]
            scope: {hosts: ["127.0.0.1"]}
            max_depth: 6
            max_pages: 500
            politeness_ms: 0
        """
        .formatted(baseUrl);
  }

  @Test
  void crawlIndexesFlaggedPagesRecordsRunsAndSupportsSearchAndReview() throws Exception {
    try (DemoSite site = DemoSite.start()) {
      Path config = Files.writeString(home.resolve("sources.yml"), sourcesYml(site.baseUrl()));
      Run crawl = vigil("crawl", "--config", config.toString(), "--json");
      assertThat(crawl.code()).as(crawl.toString()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
      JsonNode summary = Json.mapper().readTree(crawl.lastLine());
      for (String key :
          List.of("fetched", "skipped", "failed", "flagged", "indexed", "spooled", "duration_ms")) {
        assertThat(summary.has(key)).as(key).isTrue();
      }
      long flagged = summary.get("flagged").asLong();
      assertThat(summary.get("fetched").asLong()).isGreaterThanOrEqualTo(20);
      assertThat(flagged).isPositive();
      assertThat(summary.get("indexed").asLong()).isEqualTo(flagged);
      assertThat(crawl.out()).contains("crawl site: ");
      assertThat(site.requestedPaths()).noneMatch(p -> p.startsWith(DemoSite.DISALLOWED_PATH));

      Run search = vigil("search", "*", "--json", "--limit", "100");
      assertThat(search.code()).as(search.toString()).isZero();
      List<String> hits = search.out().strip().lines().toList();
      assertThat(hits).hasSize((int) flagged);
      assertThat(String.join("\n", hits)).contains("/forum/nobody-listens.html");
      String id = Json.mapper().readTree(hits.get(0)).get("id").asText();

      Run table = vigil("search", "*", "--category", "recruitment");
      assertThat(table.out()).contains("URL").contains("item(s)");

      Run review = vigil("review", id, "--verdict", "false_positive", "--note", "test note");
      assertThat(review.code()).as(review.toString()).isZero();
      assertThat(review.out()).contains("reviewed " + id + ": false_positive by tester");
      Run queue = vigil("review", "--queue", "--json");
      assertThat(queue.code()).as(queue.toString()).isZero();
      assertThat(queue.out()).doesNotContain(id);
      assertThat(queue.out().strip().lines().count()).as(queue.toString()).isEqualTo(flagged - 1);
      assertThat(vigil("review", "nope", "--verdict", "confirmed").code())
          .isEqualTo(ExitCodes.USAGE);
      assertThat(vigil("review", id, "--verdict", "maybe").code()).isEqualTo(ExitCodes.USAGE);

      // Second crawl: pages unchanged, nothing re-indexed, same documents.
      Run again = vigil("crawl", "--config", config.toString(), "--json");
      JsonNode second = Json.mapper().readTree(again.lastLine());
      assertThat(second.get("flagged").asLong()).isZero();
      assertThat(vigil("search", "*", "--json", "--limit", "100").out().strip().lines().count())
          .isEqualTo(flagged);

      Run runs = vigil("runs", "--source", "site", "--json");
      assertThat(runs.code()).as(runs.toString()).isZero();
      List<String> runLines = runs.out().strip().lines().toList();
      assertThat(runLines).hasSize(2);
      JsonNode first = Json.mapper().readTree(runLines.get(1));
      assertThat(first.get("status").asText()).isIn("ok", "partial");
      assertThat(first.get("trigger").asText()).isEqualTo("manual");
      assertThat(first.get("flagged").asLong()).isEqualTo(flagged);
      assertThat(vigil("runs", "--last", "1").out()).contains("site").contains("1 run(s)");

      Run status = vigil("status");
      assertThat(status.code()).as(status.toString()).isZero();
      assertThat(status.out()).contains("scheduler: never started").contains("spool: 0 item(s)");
      assertThat(status.out()).containsPattern("elasticsearch: .*(green|yellow)");
    }
  }

  @Test
  void withElasticsearchDownFlaggedItemsAreSpooledThenReplayedExactlyOnce() throws Exception {
    try (DemoSite site = DemoSite.start()) {
      Path config = Files.writeString(home.resolve("sources.yml"), sourcesYml(site.baseUrl()));
      String down = "http://127.0.0.1:" + freePort();
      Run crawl = vigil("crawl", "--config", config.toString(), "--json", "--es", down);
      assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.PARTIAL);
      JsonNode summary = Json.mapper().readTree(crawl.lastLine());
      long flagged = summary.get("flagged").asLong();
      assertThat(flagged).isPositive();
      assertThat(summary.get("spooled").asLong()).isEqualTo(flagged);
      assertThat(summary.get("indexed").asLong()).isZero();
      assertThat(vigil("status", "--es", down).out()).contains("spool: " + flagged + " item(s)");
      JsonNode status = Json.mapper().readTree(vigil("status", "--es", down, "--json").lastLine());
      assertThat(status.get("spool_items").asLong()).isEqualTo(flagged);
      assertThat(status.get("scheduler").isNull()).isTrue();
      assertThat(status.get("elasticsearch").asText()).startsWith("unreachable");

      Run replay = vigil("replay");
      assertThat(replay.code()).as(replay.toString()).isZero();
      assertThat(replay.out()).contains("replayed " + flagged + " of " + flagged);
      assertThat(vigil("replay").out()).contains("replayed 0 of 0");
      List<String> hits =
          vigil("search", "*", "--json", "--limit", "100").out().strip().lines().toList();
      assertThat(hits).hasSize((int) flagged);
    }
  }

  @Test
  void demoTwiceLeavesTheSameNumberOfDocuments() throws Exception {
    int port = freePort();
    Run first = vigil("demo", "--port", String.valueOf(port));
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).contains("/forum/nobody-listens.html").contains("vigil search");
    long count1 = demoCount(first);
    // An item of another source on 127.0.0.1 in the same cluster is not a demo item.
    FlaggedItem other = item("other");
    String url = "http://127.0.0.1:9/other";
    other =
        new FlaggedItem(
            FlaggedItem.idFor(url),
            "other-site",
            url,
            url,
            other.title(),
            other.text(),
            null,
            null,
            other.crawledAt(),
            other.contentHash(),
            1L,
            other.classification());
    Path items = Files.write(home.resolve("other.jsonl"), List.of(FlaggedItemJson.toJson(other)));
    assertThat(vigil("index", "--input", items.toString()).code()).isZero();
    Run second = vigil("demo", "--port", String.valueOf(port));
    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(count1).isPositive();
    assertThat(demoCount(second)).isEqualTo(count1);
  }

  private static long demoCount(Run run) {
    Matcher m = Pattern.compile("(\\d+) demo item\\(s\\) in the index").matcher(run.out());
    assertThat(m.find()).as(run.toString()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void indexLoadsJsonLinesAndReplayWithAnEmptySpoolIsANoOp() throws Exception {
    Path items = home.resolve("items.jsonl");
    Files.write(
        items, List.of(FlaggedItemJson.toJson(item("a")), FlaggedItemJson.toJson(item("b"))));
    Run index = vigil("index", "--input", items.toString());
    assertThat(index.code()).as(index.toString()).isZero();
    assertThat(index.out()).contains("read 2 item(s): 2 indexed, 0 spooled, 0 failed");
    Run search = vigil("search", "banner", "--json");
    assertThat(search.out().strip().lines().count()).isEqualTo(2);

    Files.writeString(home.resolve("bad.jsonl"), "{not json\n");
    Run bad = vigil("index", "--input", home.resolve("bad.jsonl").toString());
    assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);

    Run replay = vigil("replay");
    assertThat(replay.code()).as(replay.toString()).isZero();
    assertThat(replay.out()).contains("replayed 0 of 0");
  }

  static FlaggedItem item(String name) {
    String url = "https://forum.example.org/" + name;
    Classification c =
        new Classification(
            "recruitment",
            0.9,
            true,
            "en",
            Map.of("recruitment", 0.9),
            List.of(new IndicatorHit("call-to-join", "Call to join", "Join the Crimson Banner", 1)),
            "test-model",
            -1);
    return new FlaggedItem(
        FlaggedItem.idFor(url),
        "test",
        url,
        url,
        "t " + name,
        "Join the Crimson Banner " + name,
        null,
        null,
        Instant.now(),
        "hash" + name,
        1L,
        c);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @SuppressWarnings("unused")
  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
