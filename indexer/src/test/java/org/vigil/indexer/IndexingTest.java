package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.FlaggedItem;
import org.vigil.model.Verdict;

@ExtendWith(ElasticsearchExtension.class)
class IndexingTest {
  @TempDir Path spool;
  private String prefix;
  private EsAdmin admin;
  private VigilIndex index;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @BeforeEach
  void setUp(TestElasticsearch es) throws Exception {
    prefix = EsAdmin.uniquePrefix();
    admin = new EsAdmin(es.url());
    index = VigilIndex.connect(EsSettings.of(es.url()), prefix);
    index.setup();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    index.close();
    admin.drop(prefix);
  }

  private IndexerOptions fastOptions() {
    return IndexerOptions.defaults(spool)
        .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(100))
        .withProbeInterval(Duration.ofMillis(200))
        .withFlush(50, 1 << 20, Duration.ofMillis(100));
  }

  @Test
  void setupIsIdempotentAndCreatesTemplateAliasAndRunsIndex() throws Exception {
    index.setup();
    index.setup();

    JsonNode alias = admin.get("/_alias/" + prefix + "-flagged");
    assertThat(alias.fieldNames()).toIterable().containsExactly(prefix + "-flagged-000001");
    assertThat(
            alias
                .path(prefix + "-flagged-000001")
                .path("aliases")
                .path(prefix + "-flagged")
                .path("is_write_index")
                .asBoolean())
        .isTrue();
    JsonNode props =
        admin
            .get("/" + prefix + "-flagged-000001/_mapping")
            .path(prefix + "-flagged-000001")
            .path("mappings")
            .path("properties");
    assertThat(props.path("vigil").path("properties").path("score").path("type").asText())
        .isEqualTo("float");
    assertThat(props.path("@timestamp").path("type").asText()).isEqualTo("date");
    assertThat(props.path("url").path("properties").path("domain").path("type").asText())
        .isEqualTo("keyword");
    assertThat(admin.get("/_index_template/" + prefix + "-flagged").path("index_templates"))
        .hasSize(1);
    assertThat(admin.get("/" + prefix + "-runs").has(prefix + "-runs")).isTrue();
  }

  @Test
  void reindexingUpdatesInPlaceKeepingFirstSeenAndReview() throws Exception {
    Instant first = Instant.parse("2026-03-01T10:00:00Z");
    FlaggedItem v1 = TestItems.item("https://a.example.org/x", "recruitment", 0.7, first);
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(v1);
      indexer.checkpoint();
    }
    index.refresh();
    index.review(v1.id(), Verdict.CONFIRMED, "clear call to travel", "analyst1");

    FlaggedItem v2 =
        TestItems.item("https://a.example.org/x", "propaganda", 0.9, first.plusSeconds(86400));
    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(v2);
      indexer.add(v2); // the same item twice in one batch still makes one document
      stats = indexer.finish();
    }

    assertThat(stats.indexed()).isEqualTo(2);
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(1);
    JsonNode doc = admin.source(prefix + "-flagged", v1.id()).path("vigil");
    assertThat(doc.path("first_seen").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(doc.path("last_seen").asText()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(doc.path("category").asText()).isEqualTo("propaganda");
    assertThat(doc.path("score").asDouble())
        .isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(doc.path("review").path("verdict").asText()).isEqualTo("confirmed");
    assertThat(doc.path("review").path("reviewer").asText()).isEqualTo("analyst1");
    assertThat(admin.source(prefix + "-flagged", v1.id()).path("@timestamp").asText())
        .isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void retriesRejectedBulkRequestsWithBackoff(TestElasticsearch es) throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      proxy.rejectNextBulks(2, 429);
      IndexStats stats;
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        for (int i = 0; i < 120; i++) {
          indexer.add(TestItems.numbered(i));
        }
        indexer.checkpoint();
        proxy.rejectNextBulks(1, 503);
        indexer.add(TestItems.numbered(500));
        stats = indexer.finish();
      }
      assertThat(proxy.rejected()).isEqualTo(3);
      assertThat(stats.retried()).isGreaterThanOrEqualTo(3);
      assertThat(stats.indexed()).isEqualTo(121);
      assertThat(stats.spooled()).isZero();
      assertThat(admin.count(prefix + "-flagged")).isEqualTo(121);
    }
  }

  @Test
  void retriesItemsRejectedWith429InsideASuccessfulBulkResponse(TestElasticsearch es)
      throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      proxy.rejectItemsOfNextBulks(2);
      IndexStats stats;
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        for (int i = 0; i < 40; i++) {
          indexer.add(TestItems.numbered(i));
        }
        stats = indexer.finish();
      }
      assertThat(proxy.rejected()).isEqualTo(2);
      assertThat(stats.retried()).isGreaterThanOrEqualTo(40);
      assertThat(stats.indexed()).isEqualTo(40);
      assertThat(stats.failed()).isZero();
      assertThat(admin.count(prefix + "-flagged")).isEqualTo(40);
    }
  }

  @Test
  void addBlocksWhileTheClusterHoldsEveryRequest(TestElasticsearch es) throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      proxy.holdBulks();
      ItemIndexer indexer =
          viaProxy.indexer(
              fastOptions().withConcurrency(1).withFlush(10, 1 << 20, Duration.ofHours(1)));
      closeLater.add(indexer);
      java.util.concurrent.atomic.AtomicInteger added =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread producer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 100; i++) {
                    indexer.add(TestItems.numbered(i));
                    added.incrementAndGet();
                  }
                } catch (IndexerException e) {
                  throw new IllegalStateException(e);
                }
              });
      producer.start();
      // One request in flight (held) + one full batch waiting for a permit: add() blocks at 20.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(200);
      assertThat(producer.getState()).isEqualTo(Thread.State.WAITING);
      assertThat(added.get()).isBetween(19, 20);
      proxy.release();
      producer.join(20_000);
      assertThat(added.get()).isEqualTo(100);
      assertThat(indexer.finish().indexed()).isEqualTo(100);
    }
  }

  @Test
  void spoolsWhileUnreachableAndReplaysExactlyOnceWhenBack(TestElasticsearch es) throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      ItemIndexer indexer = viaProxy.indexer(fastOptions());
      closeLater.add(indexer);
      for (int i = 0; i < 30; i++) {
        indexer.add(TestItems.numbered(i));
      }
      indexer.checkpoint();
      proxy.stop();
      for (int i = 30; i < 230; i++) {
        indexer.add(TestItems.numbered(i));
        if (i == 40) {
          indexer.add(TestItems.numbered(0)); // a re-crawl of an already indexed item
        }
      }
      indexer.checkpoint();
      assertThat(indexer.stats().spooled()).isEqualTo(201);
      assertThat(Spool.size(spool)).isEqualTo(201);

      proxy.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (Spool.size(spool) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Spool.size(spool)).isZero();
      // The empty spool is not yet the end of the background replay: until it has looked for new
      // segments once more, new items still go to the spool to keep their order. An explicit
      // replay waits for it (one replay at a time) and then finds nothing left.
      assertThat(indexer.replaySpool()).isZero();
      for (int i = 230; i < 240; i++) {
        indexer.add(TestItems.numbered(i));
      }
      IndexStats stats = indexer.finish();
      assertThat(stats.replayed()).isEqualTo(201);
      assertThat(stats.indexed()).isEqualTo(30 + 201 + 10);
      assertThat(admin.count(prefix + "-flagged")).isEqualTo(240);
    }
  }

  @Test
  void explicitReplayOfASpoolLeftByAnEarlierRun(TestElasticsearch es) throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      proxy.stop();
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        for (int i = 0; i < 75; i++) {
          indexer.add(TestItems.numbered(i));
        }
        assertThat(indexer.finish().spooled()).isEqualTo(75);
        org.assertj.core.api.Assertions.assertThatThrownBy(indexer::replaySpool)
            .isInstanceOf(IndexerException.class);
      }
    }
    assertThat(Spool.size(spool)).isEqualTo(75);
    IndexerOptions slowProbe = fastOptions().withProbeInterval(Duration.ofHours(1));
    try (ItemIndexer indexer = index.indexer(slowProbe)) {
      assertThat(indexer.replaySpool()).isEqualTo(75);
      assertThat(indexer.replaySpool()).isZero();
    }
    assertThat(Spool.size(spool)).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(75);
  }

  @Test
  void replaySkipsATornLastLineAndUnreadableLines() throws Exception {
    java.nio.file.Files.createDirectories(spool);
    String a = FlaggedItemJson.toJson(TestItems.numbered(1));
    String b = FlaggedItemJson.toJson(TestItems.numbered(2));
    String c = FlaggedItemJson.toJson(TestItems.numbered(3));
    java.nio.file.Files.writeString(
        spool.resolve("segment-00000000000000000007.jsonl"),
        a + "\n{\"not\": \"an item\"}\n" + b + "\n" + c.substring(0, c.length() / 2));
    try (ItemIndexer indexer =
        index.indexer(fastOptions().withProbeInterval(Duration.ofHours(1)))) {
      assertThat(indexer.replaySpool()).isEqualTo(2);
    }
    assertThat(Spool.size(spool)).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(2);
  }

  @Test
  void mappingErrorsAreReportedWithIdAndReasonWithoutBlockingTheRest() throws Exception {
    FlaggedItem ok = TestItems.numbered(1);
    FlaggedItem bad =
        new FlaggedItem(
            FlaggedItem.idFor("https://bad.example.org/"),
            "test-source",
            "https://bad.example.org/",
            "https://bad.example.org/",
            "bad",
            "text",
            null,
            Instant.parse("+1000000000-01-01T00:00:00Z"), // beyond Elasticsearch's date range
            Instant.parse("2026-01-01T00:00:00Z"),
            "",
            0,
            ok.classification());
    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      for (int i = 0; i < 20; i++) {
        indexer.add(TestItems.numbered(i));
        if (i == 10) {
          indexer.add(bad);
        }
      }
      stats = indexer.finish();
    }
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.indexed()).isEqualTo(20);
    assertThat(stats.spooled()).isZero();
    assertThat(stats.failures()).hasSize(1);
    assertThat(stats.failures().get(0).id()).isEqualTo(bad.id());
    assertThat(stats.failures().get(0).reason()).contains("vigil.published").contains("HTTP 400");
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(20);
  }

  @Test
  void withoutTheAliasItemsAreSpooledNotWrittenToAnAutoCreatedIndex(TestElasticsearch es)
      throws Exception {
    String other = EsAdmin.uniquePrefix();
    try (VigilIndex notSetUp = VigilIndex.connect(EsSettings.of(es.url()), other)) {
      IndexStats stats;
      try (ItemIndexer indexer =
          notSetUp.indexer(
              fastOptions().withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5)))) {
        for (int i = 0; i < 5; i++) {
          indexer.add(TestItems.numbered(i));
        }
        stats = indexer.finish();
      }
      assertThat(stats.spooled()).isEqualTo(5);
      assertThat(stats.indexed()).isZero();
      assertThat(admin.get("/" + other + "-flagged").path("status").asInt()).isEqualTo(404);

      notSetUp.setup();
      try (ItemIndexer indexer =
          notSetUp.indexer(fastOptions().withProbeInterval(Duration.ofHours(1)))) {
        assertThat(indexer.replaySpool()).isEqualTo(5);
      }
      assertThat(admin.count(other + "-flagged")).isEqualTo(5);
    } finally {
      admin.drop(other);
    }
  }

  @Test
  void withoutSpoolCheckpointFailsLoudlyWhenUnreachable(TestElasticsearch es) throws Exception {
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      proxy.stop();
      ItemIndexer indexer = viaProxy.indexer(fastOptions().withSpoolDir(null));
      indexer.add(TestItems.numbered(1));
      org.assertj.core.api.Assertions.assertThatThrownBy(indexer::checkpoint)
          .isInstanceOf(IndexerException.class)
          .hasMessageContaining("1 items could not be indexed into " + proxy.url());
      indexer.close();
    }
  }
}
