package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.FlaggedItem;
import org.vigil.model.Verdict;

/** Clearing items that are no longer flagged, against a real cluster. */
@ExtendWith(ElasticsearchExtension.class)
class ClearTest {
  private static final Instant FLAGGED_AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant CLEARED_AT = Instant.parse("2026-03-08T10:00:00Z");

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

  /** The same URL, changed: now ordinary text the model scores low (not flagged). */
  private static FlaggedItem unflagged(String url) {
    return TestItems.item(url, "counter", 0.12, CLEARED_AT, "Opening hours and contact details.");
  }

  private JsonNode vigil(String id) throws Exception {
    return admin.source(prefix + "-flagged", id).path("vigil");
  }

  @Test
  void clearMarksTheExistingDocumentNoLongerFlaggedAndKeepsItsReviewAndEvidence() throws Exception {
    FlaggedItem v1 = flagged("https://a.example.org/x");
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(v1);
    }
    index.refresh();
    index.review(v1.id(), Verdict.CONFIRMED, "call to travel", "analyst1");

    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.clear(unflagged(v1.canonicalUrl()));
      stats = indexer.finish();
    }
    index.refresh();

    assertThat(stats.clears()).isEqualTo(1);
    assertThat(stats.cleared()).isEqualTo(1);
    assertThat(stats.nothingToClear()).isZero();
    assertThat(stats.indexed()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(1); // the document is kept
    JsonNode doc = vigil(v1.id());
    assertThat(doc.path("flagged").asBoolean(true)).isFalse();
    assertThat(doc.path("cleared_at").asText()).isEqualTo(CLEARED_AT.toString());
    assertThat(doc.path("last_seen").asText()).isEqualTo(CLEARED_AT.toString());
    assertThat(doc.path("first_seen").asText()).isEqualTo(FLAGGED_AT.toString());
    assertThat(doc.path("category").asText()).isEqualTo("counter");
    assertThat(doc.path("score").asDouble()).isEqualTo(0.12, Offset.offset(1e-6));
    // What was flagged, and what the analyst reviewed, stays readable.
    assertThat(doc.path("text").asText()).isEqualTo(v1.text());
    assertThat(doc.path("indicators")).hasSize(2);
    assertThat(doc.path("review").path("status").asText()).isEqualTo("reviewed");
    assertThat(doc.path("review").path("verdict").asText()).isEqualTo("confirmed");
    assertThat(doc.path("review").path("reviewer").asText()).isEqualTo("analyst1");

    // Analysts see currently flagged items only, unless they ask for cleared ones too.
    assertThat(index.search(SearchQuery.all())).isEmpty();
    assertThat(index.count(SearchQuery.all())).isZero();
    assertThat(index.reviewQueue(10)).isEmpty();
    List<SearchHit> all = index.search(SearchQuery.all().withIncludeCleared(true));
    assertThat(all).hasSize(1);
    assertThat(all.get(0).flagged()).isFalse();
    assertThat(all.get(0).clearedAt()).isEqualTo(CLEARED_AT);
    assertThat(all.get(0).verdict()).isEqualTo("confirmed");
    assertThat(index.count(SearchQuery.all().withIncludeCleared(true))).isEqualTo(1);
    // Training from reviews still sees the reviewed (flagged) text with its verdict.
    assertThat(index.reviewedItems().toList())
        .singleElement()
        .satisfies(r -> assertThat(r.text()).isEqualTo(v1.text()));

    // Flagged again later: shown again, review still kept.
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(TestItems.item(v1.canonicalUrl(), "propaganda", 0.8, CLEARED_AT.plusSeconds(60)));
    }
    index.refresh();
    List<SearchHit> again = index.search(SearchQuery.all());
    assertThat(again).singleElement().satisfies(h -> assertThat(h.flagged()).isTrue());
    assertThat(vigil(v1.id()).path("review").path("verdict").asText()).isEqualTo("confirmed");
  }

  @Test
  void clearOfAMissingDocumentIsNothingToClearNotAFailureAndCreatesNothing() throws Exception {
    FlaggedItem kept = flagged("https://a.example.org/kept");
    IndexStats stats;
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(kept);
      for (int i = 0; i < 5; i++) {
        indexer.clear(unflagged("https://a.example.org/never-flagged/" + i));
      }
      stats = indexer.finish();
    }
    assertThat(stats.nothingToClear()).isEqualTo(5);
    assertThat(stats.cleared()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(stats.failures()).isEmpty();
    assertThat(stats.retried()).isZero();
    assertThat(stats.spooled()).isZero();
    assertThat(stats.indexed()).isEqualTo(1);
    assertThat(Spool.size(spool)).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(1);
  }

  @Test
  void clearRejectsAFlaggedItem() throws Exception {
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      assertThatThrownBy(() -> indexer.clear(flagged("https://a.example.org/y")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is flagged");
    }
  }

  @Test
  void rejectedClearsAreRetriedLikeAdds(TestElasticsearch es) throws Exception {
    FlaggedItem v1 = flagged("https://a.example.org/retry");
    try (ItemIndexer indexer = index.indexer(fastOptions())) {
      indexer.add(v1);
    }
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      proxy.rejectItemsOfNextBulks(2); // every item answered 429, twice
      IndexStats stats;
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        indexer.clear(unflagged(v1.canonicalUrl()));
        indexer.clear(unflagged("https://a.example.org/retry-missing"));
        stats = indexer.finish();
      }
      assertThat(proxy.rejected()).isEqualTo(2);
      assertThat(stats.retried()).isGreaterThanOrEqualTo(4);
      assertThat(stats.cleared()).isEqualTo(1);
      assertThat(stats.nothingToClear()).isEqualTo(1);
      assertThat(stats.failed()).isZero();
    }
    assertThat(vigil(v1.id()).path("flagged").asBoolean(true)).isFalse();
  }

  @Test
  void clearsAreSpooledInOrderWithAddsAndReplayedWhenTheClusterIsBack(TestElasticsearch es)
      throws Exception {
    FlaggedItem a = flagged("https://a.example.org/a");
    FlaggedItem b = flagged("https://a.example.org/b");
    FlaggedItem d = flagged("https://a.example.org/d");
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        indexer.add(a);
        indexer.checkpoint();
        proxy.stop();
        indexer.clear(unflagged(a.canonicalUrl())); // clears a document indexed before
        indexer.add(b);
        indexer.add(d);
        indexer.clear(unflagged(d.canonicalUrl())); // clears one added in the same spool
        indexer.clear(unflagged("https://a.example.org/never"));
        indexer.checkpoint(); // durable: acknowledged or fsynced
        assertThat(indexer.stats().spooled()).isEqualTo(5);
        assertThat(Spool.size(spool)).isEqualTo(5);
      }
      List<String> lines = new java.util.ArrayList<>();
      for (Path segment : Files.list(spool).filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        lines.addAll(Files.readAllLines(segment));
      }
      assertThat(lines.stream().filter(l -> l.startsWith("{\"op\":\"clear\"")).count())
          .isEqualTo(3);

      proxy.start();
      IndexStats stats;
      try (ItemIndexer indexer = viaProxy.indexer(fastOptions())) {
        assertThat(indexer.replaySpool()).isEqualTo(5);
        stats = indexer.finish();
      }
      assertThat(stats.replayed()).isEqualTo(5);
      assertThat(stats.indexed()).isEqualTo(2);
      assertThat(stats.cleared()).isEqualTo(2);
      assertThat(stats.nothingToClear()).isEqualTo(1);
      assertThat(stats.failed()).isZero();
    }
    assertThat(Spool.size(spool)).isZero();
    assertThat(admin.count(prefix + "-flagged")).isEqualTo(3);
    assertThat(vigil(a.id()).path("flagged").asBoolean(true)).isFalse();
    assertThat(vigil(b.id()).path("flagged").asBoolean(false)).isTrue();
    assertThat(vigil(d.id()).path("flagged").asBoolean(true)).isFalse();
    index.refresh();
    assertThat(index.search(SearchQuery.all())).extracting(SearchHit::id).containsExactly(b.id());
  }

  @Test
  void withoutTheAliasAClearIsSpooledNotTakenForNothingToClear(TestElasticsearch es)
      throws Exception {
    String other = EsAdmin.uniquePrefix();
    try (VigilIndex notSetUp = VigilIndex.connect(EsSettings.of(es.url()), other)) {
      IndexStats stats;
      try (ItemIndexer indexer =
          notSetUp.indexer(
              fastOptions().withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5)))) {
        indexer.clear(unflagged("https://a.example.org/z"));
        stats = indexer.finish();
      }
      assertThat(stats.spooled()).isEqualTo(1);
      assertThat(stats.nothingToClear()).isZero();
    } finally {
      admin.drop(other);
    }
  }

  @Test
  void anIndexCreatedBeforeClearsGetsTheNewFieldFromSetup(TestElasticsearch es) throws Exception {
    String old = EsAdmin.uniquePrefix();
    try {
      // The index as the schema-1 template made it: no vigil.cleared_at.
      admin.createOlderIndex(
          old + "-flagged-000001",
          "vigil-flagged-template.json",
          old + "-flagged",
          "vigil",
          "cleared_at");
      assertThat(
              admin
                  .get("/" + old + "-flagged-000001/_mapping")
                  .findPath("vigil")
                  .path("properties")
                  .has("cleared_at"))
          .isFalse();

      try (VigilIndex upgraded = VigilIndex.connect(EsSettings.of(es.url()), old)) {
        upgraded.setup(); // every vigil command that connects does this
        FlaggedItem v1 = flagged("https://a.example.org/old");
        IndexStats stats;
        try (ItemIndexer indexer = upgraded.indexer(fastOptions())) {
          indexer.add(v1);
          indexer.checkpoint();
          indexer.clear(unflagged(v1.canonicalUrl()));
          stats = indexer.finish();
        }
        assertThat(stats.failed()).as("%s", stats.failures()).isZero();
        assertThat(stats.cleared()).isEqualTo(1);
        assertThat(
                admin.source(old + "-flagged", v1.id()).path("vigil").path("cleared_at").asText())
            .isEqualTo(CLEARED_AT.toString());
      }
    } finally {
      admin.drop(old);
    }
  }
}
