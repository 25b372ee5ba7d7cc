package org.vigil.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Page aggregation over the windows of one text (ADR 0002, decision 5). */
class EngineAggregationTest {
  private static final IndicatorCatalogue.Indicator JOIN =
      new IndicatorCatalogue.Indicator(
          "call-to-join",
          "Call to join",
          "recruitment",
          "d",
          "r (2015)",
          1.0,
          List.of("join us"),
          "call-to-join");

  private static final IndicatorCatalogue.Indicator CONDEMNATION =
      new IndicatorCatalogue.Indicator(
          "condemnation",
          "Condemnation",
          "counter",
          "d",
          "r (2019)",
          0.5,
          List.of("condemn ~ terror*"),
          "condemnation");

  private static IndicatorCatalogue.Hit condemns() {
    return new IndicatorCatalogue.Hit(CONDEMNATION, 0, false, false);
  }

  private static Engine.Scored window(int index, double score, IndicatorCatalogue.Hit... hits) {
    return new Engine.Scored(index, null, new double[] {score}, score, List.of(hits));
  }

  private static IndicatorCatalogue.Hit hit(boolean negated) {
    return new IndicatorCatalogue.Hit(JOIN, 0, negated, false);
  }

  @Test
  void windowWithoutEvidenceIsCappedBelowEveryThreshold() {
    Engine.Scored best =
        Engine.aggregate(List.of(window(0, 0.2), window(1, 0.62), window(2, 0.3)), 0.6);

    assertThat(best.score()).isLessThan(Trainer.THRESHOLD_FLOOR);
    assertThat(best.index()).isEqualTo(1); // still the window an analyst would look at first
  }

  @Test
  void windowWithEvidenceKeepsItsScoreAndWinsOverALouderOneWithout() {
    Engine.Scored best =
        Engine.aggregate(
            List.of(window(0, 0.625), window(1, 0.62, hit(false)), window(2, 0.3)), 0.6);

    assertThat(best.index()).isEqualTo(1);
    assertThat(best.score()).isEqualTo(0.62);
  }

  @Test
  void negatedHitIsNoEvidence() {
    Engine.Scored best = Engine.aggregate(List.of(window(0, 0.1), window(1, 0.62, hit(true))), 0.6);

    assertThat(best.score()).isEqualTo(Engine.UNEVIDENCED_CAP);
  }

  @Test
  void windowFarAboveAnyThresholdCountsWithoutEvidence() {
    Engine.Scored best = Engine.aggregate(List.of(window(0, 0.1), window(1, 0.75)), 0.6);

    assertThat(best.score()).isEqualTo(0.75);
  }

  @Test
  void singleWindowIsJudgedOnItsScoreAlone() {
    Engine.Scored best = Engine.aggregate(List.of(window(-1, 0.7)), 0.6);

    assertThat(best.score()).isEqualTo(0.7);
  }

  @Test
  void aCondemningWindowWithoutEvidenceCountsOnlyFarAboveTheThresholdAloneOrOnAPage() {
    double loud = 0.6 + Engine.CONDEMNING_MARGIN - 0.01;

    assertThat(Engine.aggregate(List.of(window(-1, loud, condemns())), 0.6).score())
        .isEqualTo(Engine.UNEVIDENCED_CAP);
    assertThat(Engine.aggregate(List.of(window(0, 0.1), window(1, loud, condemns())), 0.6).score())
        .isEqualTo(Engine.UNEVIDENCED_CAP);
    assertThat(
            Engine.aggregate(List.of(window(-1, 0.6 + Engine.CONDEMNING_MARGIN, condemns())), 0.6)
                .score())
        .isEqualTo(0.6 + Engine.CONDEMNING_MARGIN);
  }

  @Test
  void extremistEvidenceOutweighsACondemnation() {
    Engine.Scored best = Engine.aggregate(List.of(window(-1, 0.62, condemns(), hit(false))), 0.6);

    assertThat(best.score()).isEqualTo(0.62);
    assertThat(best.hasEvidence()).isTrue();
  }

  @Test
  void aCondemnationIsNoEvidence() {
    assertThat(window(0, 0.9, condemns()).hasEvidence()).isFalse();
  }

  @Test
  void forumPostsAreJudgedOneByOneAndACondemningPostNeedsTheMargin() {
    double loud = 0.6 + Engine.CONDEMNING_MARGIN - 0.01;
    Engine.Scored best =
        Engine.strongest(
            List.of(window(0, 0.3), window(1, loud, condemns()), window(2, 0.61)), 0.6);

    assertThat(best.index()).isEqualTo(2);
    assertThat(best.score()).isEqualTo(0.61);
  }
}
