package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.model.Classification;

/**
 * The cascade's logic with a second stage whose scores the test sets (the real stage, with sentence
 * embeddings, is tested in the semantic module).
 */
class SemanticCascadeTest {
  private static ExtremismCategorizer categorizer;

  private static final String RECRUITING =
      "Brothers, the time is now. Join us and take your place in the ranks of the Iron Dawn."
          + " Message me privately on Telegram and tell no one.";

  private static final String BENIGN =
      "The garden club meets on the first Monday of every month in the village hall."
          + " Members bring cuttings and seeds to swap with each other.";

  /** A second stage that gives every text one score and records what it was asked. */
  static final class FixedStage implements SemanticStage {
    final double score;
    final double screen;
    final double threshold;
    final String calibratedFor;
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    int extra; // scores returned beyond the texts asked (a broken stage)

    FixedStage(double score, double screen, double threshold, String calibratedFor) {
      this.score = score;
      this.screen = screen;
      this.threshold = threshold;
      this.calibratedFor = calibratedFor;
    }

    @Override
    public double[] score(List<String> texts) {
      asked.addAll(texts);
      double[] out = new double[texts.size() + extra];
      java.util.Arrays.fill(out, score);
      return out;
    }

    @Override
    public double screen() {
      return screen;
    }

    @Override
    public double threshold() {
      return threshold;
    }

    @Override
    public String calibratedFor() {
      return calibratedFor;
    }

    @Override
    public String version() {
      return "fixed-" + score;
    }
  }

  @BeforeAll
  static void train() throws ModelException {
    categorizer = new ExtremismCategorizer(TinyCorpus.model());
  }

  @Test
  void passagesAboveTheScreenScoreTheMeanOfBothStagesTheOthersKeepTheModels() {
    double recruiting = categorizer.categorize(RECRUITING).score();
    double benign = categorizer.categorize(BENIGN).score();
    assertThat(benign).isLessThan(recruiting);
    FixedStage stage =
        new FixedStage(0.1, (benign + recruiting) / 2, 0.5, categorizer.modelVersion());
    ExtremismCategorizer cascade = categorizer.withSemanticStage(stage);

    Classification c = cascade.categorize(RECRUITING);
    assertThat(c.score()).isCloseTo((recruiting + 0.1) / 2, within(1e-9));
    assertThat(stage.asked).hasSize(1);
    assertThat(stage.asked.get(0)).startsWith("Brothers, the time is now.");
    assertThat(cascade.categorize(BENIGN).score()).isEqualTo(benign);
    assertThat(stage.asked).hasSize(1); // below the screen: never embedded
  }

  @Test
  void theCascadeFlagsAtTheStagesThresholdAndNamesTheStageInItsVersion() {
    double recruiting = categorizer.categorize(RECRUITING).score();
    String model = categorizer.modelVersion();
    FixedStage doubting = new FixedStage(0.0, 0.3, recruiting / 2 + 0.01, model);
    FixedStage agreeing = new FixedStage(1.0, 0.3, recruiting / 2 + 0.01, model);

    ExtremismCategorizer no = categorizer.withSemanticStage(doubting);
    ExtremismCategorizer yes = categorizer.withSemanticStage(agreeing);
    assertThat(no.categorize(RECRUITING).flagged()).isFalse();
    assertThat(yes.categorize(RECRUITING).flagged()).isTrue();
    assertThat(yes.threshold()).isEqualTo(agreeing.threshold());
    assertThat(yes.modelVersion()).isEqualTo(model + "+fixed-1.0");
    assertThat(yes.categorize(RECRUITING).modelVersion()).isEqualTo(model + "+fixed-1.0");
    assertThat(yes.semanticStage()).containsSame(agreeing);
    assertThat(categorizer.semanticStage()).isEmpty();
    // a source's flag_threshold applies to the combined score
    ExtremismCategorizer lenient = no.withThreshold(0.2);
    assertThat(lenient.modelVersion()).isEqualTo(model + "+fixed-0.0@0.2");
    assertThat(lenient.categorize(RECRUITING).flagged()).isTrue(); // recruiting / 2 >= 0.25
    assertThat(lenient.withThreshold(doubting.threshold()).modelVersion())
        .isEqualTo(model + "+fixed-0.0");
  }

  @Test
  void aStageCalibratedForAnotherModelIsRefused() {
    FixedStage other = new FixedStage(0.5, 0.3, 0.6, "vigil-default-000000000000");

    assertThatThrownBy(() -> categorizer.withSemanticStage(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "semantic stage fixed-0.5 was calibrated for model vigil-default-000000000000, not "
                + categorizer.modelVersion());
  }

  @Test
  void aStageThatReturnsAnotherNumberOfScoresIsAnError() {
    FixedStage broken = new FixedStage(0.5, 0.0, 0.6, categorizer.modelVersion());
    broken.extra = 1;
    ExtremismCategorizer cascade = categorizer.withSemanticStage(broken);

    assertThatThrownBy(() -> cascade.categorize(RECRUITING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("semantic stage fixed-0.5 scored 2 of 1");
  }
}
