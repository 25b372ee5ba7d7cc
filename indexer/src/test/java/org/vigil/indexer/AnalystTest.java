package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.CrawlStats;
import org.vigil.model.FlaggedItem;
import org.vigil.model.RunRecord;
import org.vigil.model.Verdict;

/** Search, reviews and run history against a real cluster, sharing one small data set. */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystTest {
  private static final Instant NOW = Instant.now();
  private final String prefix = EsAdmin.uniquePrefix();
  private EsAdmin admin;
  private TestElasticsearch es;
  private VigilIndex index;
  private FlaggedItem recent;
  private FlaggedItem old;
  private FlaggedItem lowScore;
  private FlaggedItem otherDomain;

  @BeforeAll
  void load(TestElasticsearch es, @TempDir Path spool) throws Exception {
    this.es = es;
    admin = new EsAdmin(es.url());
    index = VigilIndex.connect(EsSettings.of(es.url()), prefix);
    index.setup();
    recent =
        TestItems.item(
            "https://forum.example.org/t/1",
            "recruitment",
            0.95,
            NOW.minus(Duration.ofHours(2)),
            "Brothers, join the caravan and travel to the front.");
    old =
        TestItems.item(
            "https://forum.example.org/t/2",
            "propaganda",
            0.8,
            NOW.minus(Duration.ofDays(30)),
            "Glory to the martyrs of the old war.");
    lowScore =
        TestItems.item(
            "https://forum.example.org/t/3",
            "propaganda",
            0.55,
            NOW.minus(Duration.ofDays(1)),
            "They are vermin and deserve nothing.");
    otherDomain =
        TestItems.item(
            "https://blog.example.net/post",
            "recruitment",
            0.7,
            NOW.minus(Duration.ofHours(5)),
            "Message us privately to join the caravan.");
    try (ItemIndexer indexer = index.indexer(IndexerOptions.defaults(spool))) {
      for (FlaggedItem item : List.of(recent, old, lowScore, otherDomain)) {
        indexer.add(item);
      }
    }
    index.refresh();
  }

  @AfterAll
  void drop() throws Exception {
    index.close();
    admin.drop(prefix);
  }

  private List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  @Test
  void searchFiltersByQuerySinceCategoryScoreAndDomain() throws Exception {
    assertThat(ids(index.search(SearchQuery.all())))
        .containsExactly(recent.id(), old.id(), otherDomain.id(), lowScore.id());
    assertThat(ids(index.search(SearchQuery.of("caravan"))))
        .containsExactlyInAnyOrder(recent.id(), otherDomain.id());
    assertThat(ids(index.search(SearchQuery.all().withSince("7d"))))
        .containsExactly(recent.id(), otherDomain.id(), lowScore.id());
    assertThat(ids(index.search(SearchQuery.all().withCategory("propaganda"))))
        .containsExactly(old.id(), lowScore.id());
    assertThat(ids(index.search(SearchQuery.all().withMinScore(0.75))))
        .containsExactly(recent.id(), old.id());
    assertThat(ids(index.search(SearchQuery.all().withDomain("BLOG.example.net"))))
        .containsExactly(otherDomain.id());
    assertThat(ids(index.search(SearchQuery.all().withLimit(1)))).containsExactly(recent.id());
    assertThat(index.count(SearchQuery.of("caravan").withSince("3h"))).isEqualTo(1);
    assertThat(index.count(SearchQuery.all())).isEqualTo(4);
  }

  @Test
  void hitsCarryWhatAnalystsNeed() throws Exception {
    SearchHit hit = index.search(SearchQuery.of("front")).get(0);
    assertThat(hit.id()).isEqualTo(recent.id());
    assertThat(hit.url()).isEqualTo("https://forum.example.org/t/1");
    assertThat(hit.domain()).isEqualTo("forum.example.org");
    assertThat(hit.category()).isEqualTo("recruitment");
    assertThat(hit.score()).isEqualTo(0.95, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(hit.firstSeen()).isEqualTo(recent.crawledAt());
    assertThat(hit.topEvidence()).isEqualTo("Join us now.");
    assertThat(hit.indicators()).containsExactly("call-to-join", "travel");
    assertThat(hit.toJson())
        .contains("\"id\":\"" + recent.id() + "\"")
        .contains("\"top_evidence\":\"Join us now.\"");
  }

  /**
   * What analysts read is complete or an error: by default Elasticsearch answers with the hits of
   * the shards that did not fail, and a search, count or report would show fewer items than there
   * are without a word.
   */
  @Test
  void analystReadsAreCompleteOrAnError() throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      viaProxy.search(SearchQuery.all());
      viaProxy.reviewQueue(10);
      viaProxy.runs(null, 5);
      viaProxy.spread().clusters(new SpreadQuery(Duration.ofDays(30), 1, null, 10), NOW);
      viaProxy.spread().overview(Duration.ofDays(30), NOW);
      assertThat(proxy.searches())
          .hasSizeGreaterThanOrEqualTo(5)
          .allSatisfy(s -> assertThat(s).contains("allow_partial_search_results=false"));
    }
    admin.send(
        "PUT", "/_cluster/settings", "{\"persistent\":{\"indices.breaker.request.limit\":\"1b\"}}");
    try {
      assertThatThrownBy(() -> index.spread().overview(Duration.ofDays(30), NOW))
          .isInstanceOf(IndexerException.class)
          .hasMessageContaining("circuit_breaking_exception");
    } finally {
      admin.send(
          "PUT", "/_cluster/settings", "{\"persistent\":{\"indices.breaker.request.limit\":null}}");
    }
    assertThat(index.spread().overview(Duration.ofDays(30), NOW)).isNotNull();
  }

  @Test
  void badQuerySyntaxIsAOneLineError() {
    assertThatThrownBy(() -> index.search(SearchQuery.of("caravan AND (front")))
        .isInstanceOf(IndexerException.class)
        .hasMessageStartingWith("cannot search 'caravan AND (front' at ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void reviewRoundTripQueueAndReviewedItems() throws Exception {
    List<SearchHit> queue = index.reviewQueue(10);
    assertThat(ids(queue)).containsExactly(recent.id(), old.id(), otherDomain.id(), lowScore.id());

    index.review(old.id(), Verdict.FALSE_POSITIVE, "historical essay", "ana");
    index.review(lowScore.id(), Verdict.CONFIRMED, null, "bob");

    assertThat(ids(index.reviewQueue(10))).containsExactly(recent.id(), otherDomain.id());
    List<ReviewedItem> reviewed = index.reviewedItems().toList();
    assertThat(reviewed).extracting(ReviewedItem::id).containsExactly(old.id(), lowScore.id());
    ReviewedItem fp = reviewed.get(0);
    assertThat(fp.verdict()).isEqualTo(Verdict.FALSE_POSITIVE);
    assertThat(fp.text()).isEqualTo("Glory to the martyrs of the old war.");
    assertThat(fp.note()).isEqualTo("historical essay");
    assertThat(fp.reviewer()).isEqualTo("ana");
    assertThat(fp.reviewedAt()).isAfter(NOW.minusSeconds(60));
    SearchHit hit = index.search(SearchQuery.of("martyrs")).get(0);
    assertThat(hit.reviewStatus()).isEqualTo("reviewed");
    assertThat(hit.verdict()).isEqualTo("false_positive");

    assertThatThrownBy(() -> index.review("nope", Verdict.UNSURE, "", "ana"))
        .isInstanceOf(IndexerException.class)
        .hasMessage("no flagged item with id 'nope' in " + prefix + "-flagged");
  }

  @Test
  void aRunningRunIsSearchableAfterTheNextRefreshAndAFinishedOneAtOnce() throws Exception {
    CrawlStats none = new CrawlStats(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
    Instant t0 = Instant.parse("2026-05-02T00:00:00Z");
    index.recordRun(new RunRecord("live", "gamma", "manual", t0, null, "running", none, ""));
    index.refresh(); // what the index's refresh interval does within a second
    assertThat(index.runs("gamma", 10)).extracting(RunRecord::status).containsExactly("running");
    index.recordRun(
        new RunRecord("live", "gamma", "manual", t0, t0.plusSeconds(5), "ok", none, ""));
    assertThat(index.runs("gamma", 10)).extracting(RunRecord::status).containsExactly("ok");
  }

  @Test
  void runHistoryByRecencyAndSource() throws Exception {
    CrawlStats stats = new CrawlStats(10, 2, 1, 3, 3, 0, 1, 2, 1234, Map.of("fetch:http-500", 1L));
    Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
    index.recordRun(new RunRecord("r1", "alpha", "manual", t0, null, "running", stats, ""));
    index.recordRun(
        new RunRecord(
            "r2", "beta", "schedule", t0.plusSeconds(60), t0.plusSeconds(90), "ok", stats, ""));
    index.recordRun(
        new RunRecord(
            "r3",
            "alpha",
            "schedule",
            t0.plusSeconds(120),
            t0.plusSeconds(200),
            "partial",
            stats,
            "1 failure: fetch:http-500"));
    // the running run finishes: same id, updated in place
    index.recordRun(
        new RunRecord("r1", "alpha", "manual", t0, t0.plusSeconds(30), "ok", stats, ""));

    assertThat(index.runs(null, 10)).extracting(RunRecord::runId).containsExactly("r3", "r2", "r1");
    assertThat(index.runs("alpha", 10)).extracting(RunRecord::runId).containsExactly("r3", "r1");
    assertThat(index.runs(null, 1)).extracting(RunRecord::runId).containsExactly("r3");
    RunRecord r1 = index.runs("alpha", 10).get(1);
    assertThat(r1.status()).isEqualTo("ok");
    assertThat(r1.finished()).isEqualTo(t0.plusSeconds(30));
    assertThat(r1.stats()).isEqualTo(stats);
    assertThat(index.runs("gamma", 5)).isEmpty();
  }

  @Test
  void aRunsIndexFromBeforeGoneMarksGetsTheFieldAndItsOldRunsReadAsZeroGone(TestElasticsearch es)
      throws Exception {
    String older = EsAdmin.uniquePrefix();
    try {
      // The runs index as the version-2 template made it (strict, no stats.gone), with a run an
      // older Vigil recorded.
      admin.createOlderIndex(older + "-runs", "vigil-runs-template.json", null, "stats", "gone");
      String oldRun =
          """
          {"@timestamp":"2026-04-01T00:00:00Z","run_id":"old","source_id":"alpha",
           "trigger":"schedule","started":"2026-04-01T00:00:00Z",
           "finished":"2026-04-01T00:01:00Z","status":"ok","error_summary":"",
           "stats":{"fetched":7,"skipped":1,"failed":0,"flagged":2,"indexed":2,"spooled":0,
                    "cleared":1,"duration_ms":60000,"failures_by_cause":{}}}
          """;
      assertThat(admin.send("PUT", "/" + older + "-runs/_doc/old?refresh=true", oldRun).toString())
          .contains("created");

      try (VigilIndex upgraded = VigilIndex.connect(EsSettings.of(es.url()), older)) {
        upgraded.setup(); // every vigil command that connects does this
        RunRecord read = upgraded.runs("alpha", 10).get(0);
        assertThat(read.stats()).isEqualTo(new CrawlStats(7, 1, 0, 2, 2, 0, 1, 0, 60000, Map.of()));
        CrawlStats withGone = new CrawlStats(3, 0, 1, 0, 0, 0, 0, 1, 10, Map.of());
        Instant t = Instant.parse("2026-04-02T00:00:00Z");
        upgraded.recordRun(
            new RunRecord("new", "alpha", "schedule", t, t.plusSeconds(10), "ok", withGone, ""));
        assertThat(upgraded.runs("alpha", 1).get(0).stats().gone()).isEqualTo(1);
      }
    } finally {
      admin.drop(older);
    }
  }

  @Test
  void aRunsIndexFromBeforeSkipReasonsAndLanguagesGetsTheFieldsAndOldRunsReadAsZero(
      TestElasticsearch es) throws Exception {
    String older = EsAdmin.uniquePrefix();
    try {
      // The runs index as the version-3 template made it (strict, with gone, without these).
      admin.createOlderIndex(
          older + "-runs",
          "vigil-runs-template.json",
          null,
          "stats",
          "unchanged",
          "duplicate",
          "same_canonical",
          "unsupported_language");
      String oldRun =
          """
          {"@timestamp":"2026-04-01T00:00:00Z","run_id":"old","source_id":"alpha",
           "trigger":"schedule","started":"2026-04-01T00:00:00Z",
           "finished":"2026-04-01T00:01:00Z","status":"ok","error_summary":"",
           "stats":{"fetched":7,"skipped":1,"failed":0,"flagged":2,"indexed":2,"spooled":0,
                    "cleared":1,"gone":1,"duration_ms":60000,"failures_by_cause":{}}}
          """;
      assertThat(admin.send("PUT", "/" + older + "-runs/_doc/old?refresh=true", oldRun).toString())
          .contains("created");

      try (VigilIndex upgraded = VigilIndex.connect(EsSettings.of(es.url()), older)) {
        upgraded.setup(); // every vigil command that connects does this
        RunRecord read = upgraded.runs("alpha", 10).get(0);
        assertThat(read.stats())
            .isEqualTo(new CrawlStats(7, 1, 0, 2, 2, 0, 1, 1, 60000, Map.of(), 0, 0, 0, 0));
        CrawlStats split = new CrawlStats(3, 9, 1, 0, 0, 0, 0, 0, 10, Map.of(), 5, 2, 1, 4);
        Instant t = Instant.parse("2026-04-02T00:00:00Z");
        upgraded.recordRun(
            new RunRecord("new", "alpha", "schedule", t, t.plusSeconds(10), "ok", split, ""));
        assertThat(upgraded.runs("alpha", 1).get(0).stats()).isEqualTo(split);
      }
    } finally {
      admin.drop(older);
    }
  }

  @Test
  void healthDescribesTheClusterAndItsVersion() {
    String version = index.serverVersion().orElseThrow();
    assertThat(version).matches("(8|9)\\.\\d+\\.\\d+");
    es.version().ifPresent(started -> assertThat(version).isEqualTo(started));
    assertThat(index.health())
        .matches(
            "Elasticsearch \\Q"
                + version
                + "\\E, (green|yellow) \\(cluster .+, \\d+ nodes?, \\d+ active shards\\)");
  }
}
