package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.Categories;
import org.vigil.model.Classification;
import org.vigil.model.ExtractedContent;
import org.vigil.model.IndicatorHit;
import org.vigil.model.Passage;

class ExtremismCategorizerTest {
  private static ExtremismCategorizer categorizer;

  private static final String RECRUITING =
      "Brothers, the time is now. Join us and take your place in the ranks of the Iron Dawn."
          + " Message me privately on Telegram and tell no one.";

  private static final String BENIGN_PARAGRAPH =
      "The garden club meets on the first Monday of every month in the village hall."
          + " Members bring cuttings and seeds to swap with each other."
          + " This spring we planted tomatoes, beans and a row of sunflowers along the fence."
          + " The tomatoes need plenty of water and sun during the summer months.";

  @BeforeAll
  static void train() throws ModelException {
    categorizer = new ExtremismCategorizer(TinyCorpus.model());
  }

  @Test
  void flagsRecruitmentAndCitesIndicatorWithItsSentence() {
    Classification c = categorizer.categorize(RECRUITING);

    assertThat(c.flagged()).isTrue();
    assertThat(c.category()).isEqualTo(Categories.RECRUITMENT);
    assertThat(c.language()).isEqualTo("en");
    assertThat(c.score()).isGreaterThanOrEqualTo(categorizer.threshold());
    assertThat(c.modelVersion()).isEqualTo(categorizer.modelVersion()).startsWith("tiny-");
    assertThat(c.indicators())
        .extracting(IndicatorHit::id)
        .contains("call-to-join", "private-channel");
    IndicatorHit join =
        c.indicators().stream()
            .filter(h -> h.id().equals("call-to-join"))
            .findFirst()
            .orElseThrow();
    assertThat(join.evidence())
        .isEqualTo("Join us and take your place in the ranks of the Iron Dawn.");
    assertThat(c.probabilities()).containsKeys(Categories.RECRUITMENT, Categories.REPORTING);
  }

  @Test
  void flagsAtAnotherThresholdAndSaysSoInItsVersion() {
    Classification atModel = categorizer.categorize(RECRUITING);
    ExtremismCategorizer strict = categorizer.withThreshold((atModel.score() + 1) / 2);
    double benign = categorizer.categorize(BENIGN_PARAGRAPH).score();
    ExtremismCategorizer lenient = categorizer.withThreshold(0.25);
    ExtremismCategorizer belowBenign = categorizer.withThreshold(benign / 2);

    Classification c = strict.categorize(RECRUITING);
    assertThat(c.score()).isEqualTo(atModel.score());
    assertThat(c.flagged()).isFalse();
    assertThat(c.category()).isNotIn(Categories.RECRUITMENT, Categories.PROPAGANDA);
    assertThat(belowBenign.categorize(BENIGN_PARAGRAPH).flagged()).isTrue();
    assertThat(categorizer.categorize(BENIGN_PARAGRAPH).flagged()).isFalse();
    assertThat(lenient.modelVersion()).isEqualTo(categorizer.modelVersion() + "@0.25");
    assertThat(lenient.categorize(BENIGN_PARAGRAPH).modelVersion())
        .isEqualTo(lenient.modelVersion());
    assertThat(lenient.threshold()).isEqualTo(0.25);
    assertThat(categorizer.withThreshold(categorizer.threshold())).isSameAs(categorizer);
    ExtremismCategorizer back = lenient.withThreshold(categorizer.threshold());
    assertThat(back.modelVersion()).isEqualTo(categorizer.modelVersion());
    assertThat(back.categorize(RECRUITING).flagged()).isTrue();
    assertThat(lenient.withThreshold(0.3).modelVersion())
        .isEqualTo(categorizer.modelVersion() + "@0.3");
    assertThatThrownBy(() -> categorizer.withThreshold(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 1)");
  }

  @Test
  void doesNotFlagReportingWithTheSameKeywords() {
    Classification c =
        categorizer.categorize(
            "Prosecutors told the court on Monday that the defendant had posted \"join us\" messages"
                + " and urged followers to contact him on Telegram. Police said he was arrested in"
                + " March 2024, according to a statement from the ministry.");

    assertThat(c.flagged()).isFalse();
    assertThat(c.category()).isEqualTo(Categories.REPORTING);
  }

  @Test
  void reportsUnsupportedLanguageWithoutScoring() {
    Classification c =
        categorizer.categorize(
            "Die Polizei hat am Dienstag drei Männer festgenommen, die im Verdacht stehen, einen"
                + " Anschlag geplant zu haben. Die Ermittlungen dauern an.");

    assertThat(c.category()).isEqualTo(Categories.UNSUPPORTED_LANGUAGE);
    assertThat(c.language()).isEqualTo("de");
    assertThat(c.flagged()).isFalse();
    assertThat(c.score()).isZero();
    assertThat(c.probabilities()).isEmpty();
  }

  /**
   * On a few words, hashtags and links OpenNLP's language detector is close to uniform, and its
   * first pick for these is Turkish, Afrikaans, Min Nan, Chinese: such posts are English unless
   * another language is clearly likelier, as it is for a short Swedish sentence.
   */
  @Test
  void shortPostsAreEnglishUnlessAnotherLanguageIsClearlyLikelier() {
    for (String post :
        List.of(
            "#BanTheFlag #Patriots #Nation https://t.co/abc",
            "Ramadan Kareem brothers #Ummah",
            "Great job akhi \uD83D\uDC4D",
            "#Mosul #Raqqa #Idlib updates")) {
      Classification c = categorizer.categorize(post);
      assertThat(c.language()).as(post).isEqualTo("en");
      assertThat(c.category()).as(post).isNotEqualTo(Categories.UNSUPPORTED_LANGUAGE);
    }
    Classification swedish = categorizer.categorize("Två av våra vänner vann tävlingen igår");
    assertThat(swedish.category()).isEqualTo(Categories.UNSUPPORTED_LANGUAGE);
    assertThat(swedish.language()).isEqualTo("sv");
  }

  @Test
  void emptyAndVeryShortTextIsEmpty() {
    for (String text : List.of("", "   \n\n  ", "ok", "!!! ???")) {
      Classification c = categorizer.categorize(text);
      assertThat(c.category()).as(text).isEqualTo(Categories.EMPTY);
      assertThat(c.flagged()).isFalse();
    }
  }

  @Test
  void outOfVocabularyTextIsNotAtTheUniformScore() {
    Classification c =
        categorizer.categorize(
            "Quantum chromodynamics lattice computations converge slowly on GPUs.");

    double uniform = 1.0 / c.probabilities().size();
    assertThat(c.probabilities().values())
        .anySatisfy(
            p -> assertThat(p).isNotCloseTo(uniform, org.assertj.core.data.Offset.offset(0.01)));
    assertThat(c.flagged()).isFalse();
    assertThat(c.score()).isLessThan(categorizer.threshold() - 0.1);
  }

  @Test
  void findsOneRecruitingParagraphInALongBenignPage() {
    List<String> paragraphs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      paragraphs.add(BENIGN_PARAGRAPH);
    }
    paragraphs.add(RECRUITING);
    for (int i = 0; i < 4; i++) {
      paragraphs.add(BENIGN_PARAGRAPH);
    }
    String page = String.join("\n\n", paragraphs);

    Classification c = categorizer.categorize(ExtractedContent.ofText(page));

    assertThat(c.flagged()).isTrue();
    assertThat(c.passageIndex()).isEqualTo(4);
    assertThat(c.topEvidence()).isIn(List.of(RECRUITING.split("(?<=\\.) ")).toArray());
  }

  @Test
  void scoresExplicitPassagesIndividually() {
    ExtractedContent thread =
        new ExtractedContent(
            "Forum thread",
            "",
            List.of(
                Passage.of(BENIGN_PARAGRAPH), Passage.of(BENIGN_PARAGRAPH), Passage.of(RECRUITING)),
            "en",
            null,
            null,
            null,
            List.of());

    Classification c = categorizer.categorize(thread);

    assertThat(c.flagged()).isTrue();
    assertThat(c.passageIndex()).isEqualTo(2);
  }

  @Test
  void benignLongPageIsNotFlagged() {
    String page =
        String.join("\n\n", List.of(BENIGN_PARAGRAPH, BENIGN_PARAGRAPH, BENIGN_PARAGRAPH));

    Classification c = categorizer.categorize(ExtractedContent.ofText(page));

    assertThat(c.flagged()).isFalse();
    assertThat(c.passageIndex()).isBetween(0, 2);
  }

  @Test
  void wrongModelFileGivesOneLineErrorNamingTheFile(@TempDir Path dir) throws Exception {
    Path garbage = dir.resolve("garbage.bin");
    Files.writeString(garbage, "this is not a model");
    Path truncated = dir.resolve("truncated.bin");
    byte[] good = TinyCorpus.model().toBytes();
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));

    for (Path p : List.of(garbage, truncated, dir.resolve("missing.bin"))) {
      assertThatThrownBy(() -> ExtremismCategorizer.load(p))
          .isInstanceOf(ModelException.class)
          .hasMessageStartingWith(p.toString())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void savedModelLoadsAndClassifiesTheSame(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.bin");
    TinyCorpus.model().save(file);

    ExtremismCategorizer loaded = ExtremismCategorizer.load(file);

    assertThat(loaded.modelVersion()).isEqualTo(categorizer.modelVersion());
    assertThat(loaded.categorize(RECRUITING)).isEqualTo(categorizer.categorize(RECRUITING));
  }

  @Test
  void rejectsNullArguments() {
    assertThatThrownBy(() -> categorizer.categorize((String) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> categorizer.categorize((ExtractedContent) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void isThreadSafe() throws Exception {
    List<String> texts =
        List.of(RECRUITING, BENIGN_PARAGRAPH, "Police said the men were arrested on Monday.");
    List<Classification> expected = texts.stream().map(categorizer::categorize).toList();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 30; i++) {
                    int k = i % texts.size();
                    if (!categorizer.categorize(texts.get(k)).equals(expected.get(k))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void biasFeatureGivesTheModelAnIntercept() throws Exception {
    var maxent =
        org.vigil.classifier.internal.ModelData.read(TinyCorpus.model().toBytes()).maxent();

    double[] unknown = maxent.eval(new String[] {"no-such-feature"});
    double[] bias = maxent.eval(new String[] {"bias"});

    // without any known feature OpenNLP maxent scores exactly 1/k: the problem the bias feature
    // fixes
    assertThat(unknown).containsOnly(1.0 / unknown.length);
    double maxDeviation = 0;
    for (double p : bias) {
      maxDeviation = Math.max(maxDeviation, Math.abs(p - 1.0 / bias.length));
    }
    assertThat(maxDeviation).isGreaterThan(0.005);
  }
}
