package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.internal.spread.ClusterEngine;
import org.vigil.indexer.internal.spread.Sketch;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.CopiedPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;

/** Spread tracking against a real cluster: incremental, idempotent, through spool and replay. */
@ExtendWith(ElasticsearchExtension.class)
class SpreadTrackerTest {
  static final String POST =
      "Brothers, join the Crimson Banner now, your family is waiting for you. Leave your empty"
          + " life behind and join our ranks, message us on the private channel. We meet every"
          + " Friday night behind the old grain mill on Harrow Lane, bring two friends who are"
          + " tired of being ignored. Write to the quartermaster for your first assignment.";
  static final String REWRITE =
      "Leave your empty life behind and join our ranks, message us on the secret channel."
          + " Brothers, join the Crimson Banner today, your family is waiting for you. We meet"
          + " every Friday night behind the old grain mill on Harrow Lane, bring three friends who"
          + " are tired of being ignored. Write to the quartermaster for your first assignment.";
  static final String OTHER =
      "Travel to the camp and join the fighters, contact us privately. The convoy leaves from the"
          + " eastern depot at dawn on the first of the month, pack light and leave your phone"
          + " behind, the drivers will not wait for anyone who is late.";
  private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant DAY2 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant DAY3 = Instant.parse("2026-03-03T10:00:00Z");

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

  private static FlaggedItem item(String url, Instant at, String text) {
    return TestItems.item(url, "recruitment", 0.9, at, text);
  }

  private String clusterOf(FlaggedItem item) throws Exception {
    return admin
        .source(prefix + "-flagged", item.id())
        .path("vigil")
        .path("cluster")
        .path("id")
        .asText(null);
  }

  private JsonNode clusterDoc(String id) throws Exception {
    return admin.source(prefix + "-clusters", id);
  }

  @Test
  void itemsJoinOrFoundClustersIncrementallyAndRepeatsNeverDoubleCounts() throws Exception {
    FlaggedItem a = item("https://a.example.org/post", DAY1, POST);
    FlaggedItem b = item("https://b.example.net/thread/7", DAY2, REWRITE);
    FlaggedItem c = item("https://c.example.com/convoy", DAY2, OTHER);
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(a);
      indexer.add(c);
    }
    SpreadTracker spread = index.spread();
    SpreadUpdate first = spread.update();
    assertThat(first.assigned()).isEqualTo(2);
    assertThat(first.founded()).isEqualTo(2);
    String cluster = clusterOf(a);
    assertThat(clusterOf(c)).isNotEqualTo(cluster);

    // A later item joins without anything clustered before being read again.
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(b);
    }
    SpreadUpdate second = spread.update();
    assertThat(second.assigned()).isEqualTo(1);
    assertThat(second.founded()).isZero();
    assertThat(clusterOf(b)).isEqualTo(cluster);
    JsonNode doc = clusterDoc(cluster);
    assertThat(doc.get("hosts").asInt()).isEqualTo(2);
    assertThat(doc.get("items").asInt()).isEqualTo(2);
    assertThat(doc.get("first_url").asText()).isEqualTo(a.canonicalUrl());
    assertThat(Instant.parse(doc.get("first_seen").asText())).isEqualTo(DAY1);
    assertThat(doc.get("daily")).hasSize(2);

    // Nothing new: nothing assigned. The same items indexed again (a re-crawl, a replay) and a
    // tracker in another process: same cluster, same counts.
    assertThat(index.spread().update().assigned()).isZero();
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(a);
      indexer.add(b);
      indexer.add(b);
    }
    SpreadUpdate again = index.spread().update();
    assertThat(again.assigned()).isEqualTo(2);
    assertThat(again.founded()).isZero();
    assertThat(clusterOf(a)).isEqualTo(cluster);
    assertThat(clusterOf(b)).isEqualTo(cluster);
    JsonNode after = clusterDoc(cluster);
    assertThat(after.get("items").asInt()).isEqualTo(2);
    assertThat(after.get("hosts").asInt()).isEqualTo(2);
    assertThat(after.get("daily")).isEqualTo(doc.get("daily"));

    // A gone mark (made by a crawl after that update) reaches the counts at the next update.
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.markGone(new GonePage("test-source", b.url(), Instant.now(), 404));
    }
    spread.update();
    assertThat(clusterDoc(cluster).get("gone").asInt()).isEqualTo(1);
    assertThat(spread.appearances(cluster))
        .extracting(Appearance::url)
        .containsExactly(a.canonicalUrl(), b.canonicalUrl());
  }

  /**
   * A pass that Elasticsearch cannot answer (here every shard's request circuit breaker trips)
   * fails with the cause in its message, rewrites no cluster's counts, and the next pass brings
   * them up to date.
   */
  @Test
  void aPassElasticsearchCannotAnswerFailsAndLeavesTheCountsAlone() throws Exception {
    String cluster = oneClusteredItemAndAPendingOne();
    breakerLimit("\"1b\"");
    try {
      assertThatThrownBy(() -> index.spread().update())
          .isInstanceOf(IndexerException.class)
          .hasMessageContaining("circuit_breaking_exception");
    } finally {
      breakerLimit("null");
    }
    assertThat(clusterDoc(cluster).get("items").asInt()).isEqualTo(1);
    index.spread().update();
    assertThat(clusterDoc(cluster).get("items").asInt()).isEqualTo(2);
  }

  /**
   * A pass that dies after assigning an item and before writing the counts of its cluster (here:
   * the copies index is closed, so resolving copies fails): the next pass finds that cluster
   * through the item's {@code assigned_at} and recomputes its counts.
   */
  @Test
  void clustersOfAPassThatDiedBeforeItsCountsAreCountedByTheNext() throws Exception {
    String cluster = oneClusteredItemAndAPendingOne();
    admin.send("POST", "/" + prefix + "-copies-000001/_close", null);
    try {
      assertThatThrownBy(() -> index.spread().update()).isInstanceOf(IndexerException.class);
    } finally {
      admin.send("POST", "/" + prefix + "-copies-000001/_open?wait_for_active_shards=1", null);
    }
    assertThat(clusterDoc(cluster).get("items").asInt()).isEqualTo(1);
    index.spread().update();
    assertThat(clusterDoc(cluster).get("items").asInt()).isEqualTo(2);
  }

  /**
   * Every search of a pass asks for a complete answer: by default Elasticsearch answers a search of
   * which some shards failed with the others' hits, and a cluster whose appearances were on the
   * failed shard would be counted as empty.
   */
  @Test
  void everySearchOfAPassRefusesPartialResults(TestElasticsearch es) throws Exception {
    oneClusteredItemAndAPendingOne();
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      viaProxy.spread().update();
      assertThat(proxy.searches())
          .hasSizeGreaterThan(3)
          .allSatisfy(s -> assertThat(s).contains("allow_partial_search_results=false"));
    }
  }

  /** One item indexed and clustered (its cluster's id returned), then a second, pending one. */
  private String oneClusteredItemAndAPendingOne() throws Exception {
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(item("https://a.example.org/post", DAY1, POST));
    }
    index.spread().update();
    String cluster = clusterOf(item("https://a.example.org/post", DAY1, POST));
    assertThat(clusterDoc(cluster).get("items").asInt()).isEqualTo(1);
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(item("https://b.example.net/thread/7", DAY2, REWRITE));
    }
    return cluster;
  }

  private void breakerLimit(String value) throws Exception {
    admin.send(
        "PUT",
        "/_cluster/settings",
        "{\"persistent\":{\"indices.breaker.request.limit\":" + value + "}}");
  }

  @Test
  void itemsAndCopiesSpooledWhileElasticsearchIsDownAreClusteredAfterTheReplay(TestElasticsearch es)
      throws Exception {
    FlaggedItem a = item("https://a.example.org/post", DAY1, POST);
    FlaggedItem b = item("https://b.example.net/thread/7", DAY2, REWRITE);
    CopiedPage copy =
        new CopiedPage(
            "test-source",
            "https://d.example.info/mirror",
            "https://d.example.info/mirror",
            a.url(),
            DAY3,
            null,
            a.contentHash());
    try (FaultProxy proxy = new FaultProxy(es.url());
        VigilIndex viaProxy = VigilIndex.connect(EsSettings.of(proxy.url()), prefix)) {
      try (ItemIndexer indexer = viaProxy.indexer(TestItems.fastOptions(spool))) {
        proxy.stop();
        indexer.add(a);
        indexer.addCopy(copy);
        indexer.addCopy(copy); // recorded twice: still one appearance
        indexer.add(b);
        indexer.checkpoint();
        assertThat(Spool.size(spool)).isEqualTo(4);
      }
      proxy.start();
      try (ItemIndexer indexer = viaProxy.indexer(TestItems.fastOptions(spool))) {
        assertThat(indexer.replaySpool()).isEqualTo(4);
      }
      SpreadUpdate update = viaProxy.spread().update();
      assertThat(update.assigned()).isEqualTo(2);
      assertThat(update.copies()).isEqualTo(1);
    }
    String cluster = clusterOf(a);
    assertThat(clusterOf(b)).isEqualTo(cluster);
    JsonNode doc = clusterDoc(cluster);
    assertThat(doc.get("items").asInt()).isEqualTo(3);
    assertThat(doc.get("copies").asInt()).isEqualTo(1);
    assertThat(doc.get("hosts").asInt()).isEqualTo(3);
    assertThat(index.spread().appearances(cluster))
        .extracting(Appearance::host, Appearance::copy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.example.org", false),
            org.assertj.core.groups.Tuple.tuple("b.example.net", false),
            org.assertj.core.groups.Tuple.tuple("d.example.info", true));
    assertThat(index.spread().cluster(cluster)).get().extracting(SpreadCluster::hosts).isEqualTo(3);
    assertThat(index.spread().cluster("no-such-cluster")).isEmpty();
  }

  /**
   * A page and its verbatim copy that swap roles in a re-crawl from an empty crawl state (the copy
   * fetched first this time, so it is classified and the original recorded as its copy) leave an
   * item and a copy document under each page's id: each page still counts once, as an item.
   */
  @Test
  void aPageAndItsCopySwappingRolesAreStillTwoAppearances() throws Exception {
    String cluster = originalAndItsCopyClustered();
    assertThat(clusterDoc(cluster).get("items").asInt()).isEqualTo(2);
    assertThat(clusterDoc(cluster).get("copies").asInt()).isEqualTo(1);

    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(mirror);
      indexer.addCopy(copyOf(original, mirror, DAY3, DAY1)); // dated as the page says
    }
    index.spread().update();
    assertThat(clusterOf(mirror)).isEqualTo(cluster);
    JsonNode doc = clusterDoc(cluster);
    assertThat(doc.get("items").asInt()).isEqualTo(2);
    assertThat(doc.get("copies").asInt()).isZero();
    assertThat(doc.get("hosts").asInt()).isEqualTo(2);
    assertThat(doc.get("daily")).allSatisfy(day -> assertThat(day.get("items").asInt()).isOne());
    assertThat(index.spread().appearances(cluster))
        .extracting(Appearance::url, Appearance::copy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(original.canonicalUrl(), false),
            org.assertj.core.groups.Tuple.tuple(mirror.canonicalUrl(), false));
  }

  /**
   * A page recorded as a verbatim copy that answers 404/410 later is marked gone like a flagged
   * item, and the cluster counts it gone; the gone mark is counted once, as "nothing to mark" in
   * the items (the page was never classified there).
   */
  @Test
  void aCopyThatDisappearsIsMarkedGone() throws Exception {
    String cluster = originalAndItsCopyClustered();
    assertThat(clusterDoc(cluster).get("gone").asInt()).isZero();

    IndexStats stats;
    Instant goneAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.markGone(new GonePage("test-source", mirror.url(), goneAt, 410));
      indexer.checkpoint();
      stats = indexer.stats();
    }
    assertThat(stats.markedGone()).isZero();
    assertThat(stats.nothingToMarkGone()).isEqualTo(1);
    assertThat(stats.failed()).isZero();
    JsonNode copyDoc = admin.source(prefix + "-copies", mirror.id());
    assertThat(copyDoc.path("vigil").path("gone_at").asText())
        .as(copyDoc.toString())
        .isEqualTo(goneAt.toString());
    index.spread().update();
    assertThat(clusterDoc(cluster).get("gone").asInt()).isEqualTo(1);
    assertThat(index.spread().appearances(cluster))
        .filteredOn(Appearance::copy)
        .singleElement()
        .extracting(Appearance::goneAt)
        .isEqualTo(goneAt);
  }

  private final FlaggedItem original = item("https://a.example.org/post", DAY1, POST);
  private final FlaggedItem mirror = item("https://d.example.info/mirror", DAY2, POST);

  /** Indexes {@link #original} and {@link #mirror} as its verbatim copy, updates, its cluster. */
  private String originalAndItsCopyClustered() throws Exception {
    try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
      indexer.add(original);
      indexer.addCopy(copyOf(mirror, original, DAY2, DAY2));
    }
    index.spread().update();
    return clusterOf(original);
  }

  private static CopiedPage copyOf(FlaggedItem page, FlaggedItem of, Instant at, Instant dated) {
    return new CopiedPage(
        "test-source", page.url(), page.canonicalUrl(), of.url(), at, dated, of.contentHash());
  }

  /**
   * Passes over several pages of pending items (500 per page), the second pass joining clusters
   * stored by the first, assign exactly as one in-memory engine fed the same texts in the same
   * order: what a pass loads from the clusters index (candidates named by id first, each
   * representative fetched once) changes nothing in the assignment.
   */
  @Test
  void pagesOfPendingItemsAssignAsOneEngineInMemory() throws Exception {
    assignsAsOneEngine(index.spread(), "", 400, 1100, 700);
  }

  @Test
  void candidateSearchesThatFillTheirPageAreSplitUntilEveryCandidateIsNamed() throws Exception {
    // A page of 500 pending items holds thousands of hashes; a search naming at most 60 clusters
    // fills its page with some of the hundreds that share one, in no particular order.
    assignsAsOneEngine(index.spread(60), "", 400, 1100, 700);
  }

  @Test
  void aStockSentenceInEveryTextStillAssignsAsOneEngine() throws Exception {
    // Its hashes make every stored cluster a candidate and many of them tie; ties go to the oldest
    // cluster, as in one engine, whatever order a pass loads the clusters in.
    assignsAsOneEngine(
        index.spread(60),
        " Share this post with your friends and follow the channel for more news every day.",
        150,
        400,
        300);
  }

  /**
   * Indexes edited members of random text families in passes of {@code passSizes} items, each text
   * followed by {@code stock}, runs {@code tracker} after each pass, and checks that the index
   * holds the partition one engine in memory makes of all items, with every cluster's count.
   */
  private void assignsAsOneEngine(
      SpreadTracker tracker, String stock, int familyCount, int... passSizes) throws Exception {
    Random random = new Random(13);
    String[] vocabulary = new String[3000];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = "w" + Integer.toString(i * 7919 + 11, 36);
    }
    List<String[]> families = new ArrayList<>();
    for (int f = 0; f < familyCount; f++) {
      String[] words = new String[40 + random.nextInt(60)];
      for (int k = 0; k < words.length; k++) {
        words[k] = vocabulary[random.nextInt(vocabulary.length)];
      }
      families.add(words);
    }
    ClusterEngine reference = new ClusterEngine();
    Map<String, Integer> expected = new HashMap<>();
    List<FlaggedItem> all = new ArrayList<>();
    Instant at = DAY1;
    for (int pass = 0; pass < passSizes.length; pass++) {
      List<FlaggedItem> batch = new ArrayList<>();
      for (int i = 0; i < passSizes[pass]; i++) {
        // an edited member of one family: two words replaced (or a brand-new text now and then)
        String[] words = families.get(random.nextInt(families.size())).clone();
        for (int e = 0; e < 2; e++) {
          words[random.nextInt(words.length)] = vocabulary[random.nextInt(vocabulary.length)];
        }
        at = at.plusSeconds(1); // pending items are taken oldest first
        FlaggedItem item =
            item(
                "https://h" + (i % 9) + ".example.org/p" + pass + "-" + i,
                at,
                String.join(" ", words) + stock);
        batch.add(item);
        expected.put(item.id(), reference.assign(Sketch.of(item.text())).cluster());
      }
      try (ItemIndexer indexer = index.indexer(TestItems.fastOptions(spool))) {
        for (FlaggedItem item : batch) {
          indexer.add(item);
        }
      }
      SpreadUpdate update = tracker.update();
      assertThat(update.assigned()).isEqualTo(batch.size());
      // every cluster so far: the first pass's own, and the second pass also recounts those
      // the first assigned to within the minute of clock skew its watermark allows
      assertThat(update.clustersUpdated()).isEqualTo(reference.size());
      all.addAll(batch);
    }
    // The same partition: two items share a cluster in the index iff they do in memory.
    Map<Integer, String> clusterOfReference = new HashMap<>();
    Map<String, Integer> members = new HashMap<>();
    for (FlaggedItem item : all) {
      String stored = clusterOf(item);
      assertThat(stored).isNotNull();
      members.merge(stored, 1, Integer::sum);
      String before = clusterOfReference.putIfAbsent(expected.get(item.id()), stored);
      assertThat(stored).as(item.url()).isEqualTo(before == null ? stored : before);
    }
    assertThat(clusterOfReference.values()).doesNotHaveDuplicates();
    assertThat(clusterOfReference).hasSize(reference.size());
    // Every cluster's counts are written, though they are recomputed in chunks at once.
    for (Map.Entry<String, Integer> e : members.entrySet()) {
      assertThat(tracker.cluster(e.getKey()).orElseThrow().items())
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
