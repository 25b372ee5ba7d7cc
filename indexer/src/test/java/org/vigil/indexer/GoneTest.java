package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.vigil.model.GonePage;
import org.vigil.model.Verdict;

/** Marking the documents of pages that answer 404/410 now as gone, against a real cluster. */
@ExtendWith(ElasticsearchExtension.class)
class GoneTest {
  private static final Instant FLAGGED_AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant GONE_AT = Instant.parse("2026-03-08T10:00:00Z");

  @TempDir Path spool;
  private String prefix;
  private EsAdmin admin;
  private VigilIndex index;

  @BeforeEach
  void setUp(TestElasticsearch es) throws Exception {
    prefix = EsAdmin.uniquePrefix();
    admin = new EsAdmin(es.url());
    index = VigilIndex.connect(EsSettings.of(es.url()), prefix);
    index.setup();
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
    admin.drop(prefix);
  }

  private IndexerOptions fastOptions() {
    return TestItems.fastOptions(spool);
  }

  private static FlaggedItem flagged(String url) {
    return TestItems.item(url, "recruitment", 0.9, FLAGGED_AT);
  }

  private static GonePage gone(String url, int status) {
    return new GonePage("src", url, GONE_AT, status);
  }

  private JsonNode vigil(String id) throws Exception {
    return admin.source(prefix + "-flagged", id).path("vigil");
  }

  @Test
  void markGoneSetsGoneAtAndStatusAndKeepsFlagTextEvidenceAndReview() throws Exception {
    FlaggedItem v1 = flagged("https://a.example.org/x");
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(v1);
    }
    index.refresh();
    index.review(v1.id(), Verdict.CONFIRMED, "call to travel", "analyst1");

    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.markGone(gone(v1.canonicalUrl(), 410));
      stats = indexer.finish();
    }
    index.refresh();

    assertThat(stats.markedGone()).isEqualTo(1);
    assertThat(stats.nothingToMarkGone()).isZero();
    assertThat(stats.indexed()).isZero();
    assertThat(stats.failed()).as("%s", stats.failures()).isZero();
    JsonNode doc = vigil(v1.id());
    assertThat(doc.path("gone_at").asText()).isEqualTo(GONE_AT.toString());
    assertThat(doc.path("http_status").asInt()).isEqualTo(410);
    assertThat(doc.path("flagged").asBoolean(false)).isTrue();
    assertThat(doc.path("text").asText()).isEqualTo(v1.text());
    assertThat(doc.path("indicators")).hasSize(2);
    assertThat(doc.path("last_seen").asText()).isEqualTo(FLAGGED_AT.toString());
    assertThat(doc.path("review").path("verdict").asText()).isEqualTo("confirmed");
    assertThat(doc.path("review").path("reviewer").asText()).isEqualTo("analyst1");

    // Still a flagged item analysts find, now with when it disappeared.
    List<SearchHit> hits = index.search(SearchQuery.all());
    assertThat(hits).singleElement().satisfies(h -> assertThat(h.goneAt()).isEqualTo(GONE_AT));
    assertThat(hits.get(0).toJson()).contains("\"gone_at\":\"" + GONE_AT + "\"");

    // Back (fetched and flagged again): the mark goes, the review stays.
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(TestItems.item(v1.canonicalUrl(), "propaganda", 0.8, GONE_AT.plusSeconds(60)));
    }
    index.refresh();
    doc = vigil(v1.id());
    assertThat(doc.path("gone_at").isNull()).isTrue();
    assertThat(doc.path("http_status").isNull()).isTrue();
    assertThat(doc.path("review").path("verdict").asText()).isEqualTo("confirmed");
    List<SearchHit> back = index.search(SearchQuery.all());
    assertThat(back).singleElement().satisfies(h -> assertThat(h.goneAt()).isNull());
    assertThat(back.get(0).toJson()).doesNotContain("gone_at");
  }

  @Test
  void aClearOfAPageThatCameBackRemovesTheMark() throws Exception {
    FlaggedItem v1 = flagged("https://a.example.org/back");
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(v1);
      indexer.checkpoint();
      indexer.markGone(gone(v1.canonicalUrl(), 404));
      indexer.checkpoint();
      assertThat(vigil(v1.id()).path("gone_at").asText()).isEqualTo(GONE_AT.toString());
      indexer.clear(
          TestItems.item(
              v1.canonicalUrl(), "counter", 0.1, GONE_AT.plusSeconds(60), "Opening hours."));
    }
    JsonNode doc = vigil(v1.id());
    assertThat(doc.path("flagged").asBoolean(true)).isFalse();
    assertThat(doc.path("gone_at").isNull()).isTrue();
  }

  @Test
  void markGoneOfAMissingDocumentIsNothingToMarkNotAFailureAndCreatesNothing() throws Exception {
    FlaggedItem kept = flagged("https://a.example.org/kept");
    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(kept);
      for (int i = 0; i < 3; i++) {
        indexer.markGone(gone("https://a.example.org/never-flagged/" + i, 404));
      }
      stats = indexer.finish();
    }
    assertThat(stats.nothingToMarkGone()).isEqualTo(3);
    assertThat(stats.markedGone()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(stats.failures()).isEmpty();
    assertThat(stats.retried()).isZero();
    assertThat(stats.spooled()).isZero();
    assertThat(stats.indexed()).isEqualTo(1);
    assertThat(Spool.size(spool)).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(1);
    assertThat(vigil(kept.id()).has("gone_at")).isFalse();
  }

  @Test
  void marksAreSpooledInOrderWithAddsAndReplayedWhenTheClusterIsBack(TestElasticsearch es)
      throws Exception {
    FlaggedItem a = flagged("https://a.example.org/a");
    FlaggedItem b = flagged("https://a.example.org/b");
    FlaggedItem c = flagged("https://a.example.org/c");
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        indexer.add(a);
        indexer.add(c);
        indexer.checkpoint();
        proxy.stop();
        indexer.markGone(gone(a.canonicalUrl(), 404)); // a document indexed before
        indexer.add(b);
        indexer.markGone(gone(b.canonicalUrl(), 410)); // one added in the same spool
        indexer.markGone(gone("https://a.example.org/never", 404));
        // Fetched at another URL whose content named c's URL canonical: c's document.
        indexer.markGone(
            new GonePage("src", "https://a.example.org/c/amp", c.canonicalUrl(), GONE_AT, 404));
        indexer.checkpoint(); // durable: acknowledged or fsynced
        assertThat(indexer.stats().spooled()).isEqualTo(5);
        assertThat(Spool.size(spool)).isEqualTo(5);
      }
      List<String> lines = new ArrayList<>();
      for (Path segment : Files.list(spool).filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        lines.addAll(Files.readAllLines(segment));
      }
      assertThat(lines.stream().filter(l -> l.startsWith("{\"op\":\"gone\"")).count()).isEqualTo(4);
      assertThat(lines)
          .anyMatch(
              l ->
                  l.contains("\"url\":\"https://a.example.org/c/amp\"")
                      && l.contains("\"canonicalUrl\":\"https://a.example.org/c\""));

      proxy.start();
      IndexStats stats;
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        assertThat(indexer.replaySpool()).isEqualTo(5);
        stats = indexer.finish();
      }
      assertThat(stats.replayed()).isEqualTo(5);
      assertThat(stats.indexed()).isEqualTo(1);
      assertThat(stats.markedGone()).isEqualTo(3);
      assertThat(stats.nothingToMarkGone()).isEqualTo(1);
      assertThat(stats.failed()).isZero();
    }
    assertThat(Spool.size(spool)).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(3);
    assertThat(vigil(a.id()).path("http_status").asInt()).isEqualTo(404);
    assertThat(vigil(b.id()).path("http_status").asInt()).isEqualTo(410);
    assertThat(vigil(b.id()).path("gone_at").asText()).isEqualTo(GONE_AT.toString());
    assertThat(vigil(c.id()).path("gone_at").asText()).isEqualTo(GONE_AT.toString());
  }

  @Test
  void aMarkGoesToTheDocumentOfTheCanonicalUrlTheContentWasIndexedUnder() throws Exception {
    FlaggedItem story = flagged("https://a.example.org/articles/story");
    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(story);
      indexer.checkpoint();
      indexer.markGone(
          new GonePage(
              "src", "https://a.example.org/story?page=1", story.canonicalUrl(), GONE_AT, 410));
      stats = indexer.finish();
    }
    assertThat(stats.markedGone()).isEqualTo(1);
    assertThat(stats.nothingToMarkGone()).isZero();
    assertThat(vigil(story.id()).path("http_status").asInt()).isEqualTo(410);
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(1);
  }

  @Test
  void indexInputReadsGoneLinesOfASpool() throws Exception {
    Path file = spool.resolve("ops.jsonl");
    FlaggedItem a = flagged("https://a.example.org/file");
    Files.writeString(
        file,
        FlaggedItemJson.toJson(a)
            + "\n"
            + "{\"op\":\"gone\",\"sourceId\":\"src\",\"url\":\"https://a.example.org/file\","
            + "\"fetchedAt\":\""
            + GONE_AT
            + "\",\"httpStatus\":404}\n");
    List<GonePage> marks = new ArrayList<>();
    List<FlaggedItem> adds = new ArrayList<>();
    long read = FlaggedItemJson.readOperations(file, (item, clear) -> adds.add(item), marks::add);
    assertThat(read).isEqualTo(2);
    assertThat(adds).containsExactly(a);
    assertThat(marks).containsExactly(gone(a.canonicalUrl(), 404));
    // read() is the add-only view: the mark is skipped.
    List<FlaggedItem> items = new ArrayList<>();
    assertThat(FlaggedItemJson.read(file, items::add)).isEqualTo(1);
    assertThat(items).containsExactly(a);
  }

  @Test
  void anIndexCreatedBeforeGoneMarksGetsTheNewFieldsFromSetup(TestElasticsearch es)
      throws Exception {
    String old = EsAdmin.uniquePrefix();
    try {
      // The index as the schema-2 template made it: no vigil.gone_at, no vigil.http_status.
      admin.createOlderIndex(
          old + "-flagged-000001",
          "vigil-flagged-template.json",
          old + "-flagged",
          "vigil",
          "gone_at",
          "http_status");

      try (VigilIndex upgraded = VigilIndex.connect(EsSettings.of(es.url()), old)) {
        upgraded.setup(); // every vigil command that connects does this
        FlaggedItem v1 = flagged("https://a.example.org/old");
        IndexStats stats;
        try (ItemIndexer indexer = upgraded.indexer(fastOptions())) {
          indexer.add(v1);
          indexer.checkpoint();
          indexer.markGone(gone(v1.canonicalUrl(), 404));
          stats = indexer.finish();
        }
        assertThat(stats.failed()).as("%s", stats.failures()).isZero();
        assertThat(stats.markedGone()).isEqualTo(1);
        assertThat(admin.source(old + "-flagged", v1.id()).path("vigil").path("gone_at").asText())
            .isEqualTo(GONE_AT.toString());
      }
    } finally {
      admin.drop(old);
    }
  }
}
