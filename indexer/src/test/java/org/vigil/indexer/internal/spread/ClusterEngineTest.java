package org.vigil.indexer.internal.spread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The clustering engine on the cases spread tracking must handle. */
class ClusterEngineTest {
  static final String POST =
      "Brothers, join the Crimson Banner now, your family is waiting for you. Leave your empty"
          + " life behind and join our ranks, message us on the private channel. We meet every"
          + " Friday night behind the old grain mill on Harrow Lane, bring two friends who are"
          + " tired of being ignored. Write to the quartermaster for your first assignment and"
          + " tell nobody at home.";
  static final String OTHER =
      "The library reopens on Monday with a new reading room and longer opening hours, and the"
          + " community garden needs volunteers to water the tomatoes during the summer. Fresh"
          + " bread and vegetables are on sale at the harvest market every Sunday morning while"
          + " the ring road works close two lanes overnight until the end of the month.";
  static final String NEWS =
      "Police said on Tuesday that three men were charged after an investigation into the group."
          + " Officials reported that the programme helped forty people leave extremism, and the"
          + " ministry said the number of arrests linked to such groups fell last year while"
          + " researchers found new posts every week on small forums and in private channels.";

  private final ClusterEngine engine = new ClusterEngine();

  private int assign(String text) {
    return engine.assign(Sketch.of(text)).cluster();
  }

  @Test
  void aLightRewriteWithReorderedSentencesJoinsAndAnotherTextFoundsItsOwn() {
    int original = assign(POST);
    String rewrite =
        "Leave your empty life behind and join our ranks, message us on the secret channel."
            + " Brothers, join the Crimson Banner today, your family is waiting for you. We meet"
            + " every Friday night behind the old grain mill on Harrow Lane, bring three friends"
            + " who are tired of being ignored. Write to the quartermaster for your first"
            + " assignment and tell nobody at home.";
    assertThat(assign(rewrite)).isEqualTo(original);
    assertThat(assign(OTHER)).isNotEqualTo(original);
    assertThat(assign(POST.toUpperCase())).as("case and punctuation").isEqualTo(original);
  }

  @Test
  void aPostQuotedInsideLongerPagesJoinsWhicheverCameFirst() {
    int page = assign(NEWS + "\n\n" + POST + "\n\n" + NEWS.replace("Police", "Courts"));
    assertThat(assign(POST)).as("the bare post after a page quoting it").isEqualTo(page);
    // Another long page quoting it: the representative is now the bare post, so it joins too.
    assertThat(assign(OTHER + "\n\n" + POST + "\n\n" + OTHER)).isEqualTo(page);
  }

  @Test
  void twoPagesQuotingTheSamePostJoinThroughTheSharedPassage() {
    String first = filler(1, 200) + "\n\n" + POST + "\n\n" + filler(2, 60);
    int cluster = assign(first);
    String second = filler(3, 90) + "\n\n" + POST + "\n\n" + filler(4, 150);
    long[] both = Sketch.of(second);
    assertThat((double) Sketch.shared(Sketch.of(first), both) / both.length)
        .as("a minor part of the page")
        .isLessThan(ClusterEngine.CONTAINMENT);
    assertThat(assign(second)).isEqualTo(cluster);
    assertThat(engine.representative(cluster).length)
        .as("shrunk to what they share")
        .isLessThan(Sketch.of(first).length);
    assertThat(assign(filler(5, 300) + "\n\n" + POST)).isEqualTo(cluster);
    assertThat(assign(filler(6, 300))).isNotEqualTo(cluster);
  }

  /** {@code words} pseudo-words, distinct per seed: text no other test text shares. */
  private static String filler(long seed, int words) {
    java.util.Random r = new java.util.Random(seed);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      for (int c = 0, n = 3 + r.nextInt(6); c < n; c++) {
        s.append((char) ('a' + r.nextInt(26)));
      }
      s.append(i % 12 == 11 ? ". " : " ");
    }
    return s.toString();
  }

  @Test
  void differentBoilerplateAroundTheSameTextStillJoins() {
    int a = assign("Home | Forum | Rules | Login. " + POST + " Copyright Harrow Talk, all rights.");
    int b = assign("Welcome to the Lenbridge board. Posted in General. " + POST + " Reply Quote");
    assertThat(b).isEqualTo(a);
  }

  @Test
  void sharedBoilerplateAloneDoesNotJoin() {
    String header =
        "Welcome to the Lenbridge community board, please read the rules before posting. ";
    int a = assign(header + POST);
    assertThat(assign(header + OTHER)).isNotEqualTo(a);
  }

  @Test
  void hashesMarkedBoilerplateNoLongerJoin() {
    String footer = "Share this post with your friends and follow the channel for more news.";
    ClusterEngine rare = new ClusterEngine();
    rare.load(Sketch.of(POST + " " + footer));
    assertThat(rare.assign(Sketch.of(footer)).founded()).as("a rare footer joins").isFalse();

    ClusterEngine marked = new ClusterEngine();
    marked.load(Sketch.of(POST + " " + footer));
    for (long h : Sketch.of(footer)) {
      marked.boilerplate(h); // held by more clusters than the engine has loaded
    }
    assertThat(marked.assign(Sketch.of(footer)).founded()).isTrue();
    assertThat(marked.assign(Sketch.of(POST)).founded()).as("the post still joins").isFalse();
  }

  @Test
  void loadedClustersAreFoundLikeAssignedOnes() {
    ClusterEngine fresh = new ClusterEngine();
    int stored = fresh.load(Sketch.of(POST));
    assertThat(fresh.assign(Sketch.of(POST)).cluster()).isEqualTo(stored);
    assertThat(fresh.assign(Sketch.of(POST)).founded()).isFalse();
    assertThat(fresh.size()).isEqualTo(1);
  }

  @Test
  void sketchesKeepOnlySampledDistinctSortedHashes() {
    long[] s = Sketch.of(POST + " " + POST);
    assertThat(s).isSorted().doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(s)).allMatch(h -> (h & (Sketch.SAMPLE - 1)) == 0);
    assertThat(Sketch.of("")).isEmpty();
    assertThat(Sketch.of("join us")).hasSize(1);
  }
}
