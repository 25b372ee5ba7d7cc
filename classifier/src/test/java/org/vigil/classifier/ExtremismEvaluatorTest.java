package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.classifier.internal.Prediction;
import org.vigil.classifier.internal.Reports;
import org.vigil.model.LabeledText;

class ExtremismEvaluatorTest {

  private static Prediction p(String gold, double recruitment, double reporting) {
    return new Prediction(
        gold, null, Map.of("recruitment", recruitment, "reporting", reporting), recruitment);
  }

  /**
   * Four texts at threshold 0.5: two recruitment (scores 0.9, 0.3), two reporting (scores 0.6,
   * 0.2). Decisions: recruitment, reporting, recruitment, reporting. So recruitment P = 1/2, R =
   * 1/2; reporting P = 1/2, R = 1/2; accuracy 2/4; flag precision 1/2, recall 1/2, FPR 1/2.
   */
  @Test
  void reportNumbersOnAHandComputedExample() {
    List<Prediction> ps =
        List.of(
            p("recruitment", 0.9, 0.1),
            p("recruitment", 0.3, 0.7),
            p("reporting", 0.6, 0.4),
            p("reporting", 0.2, 0.8));

    EvaluationReport r = Reports.compute(ps, 0.5, 0);

    assertThat(r.documents()).isEqualTo(4);
    assertThat(r.accuracy()).isEqualTo(0.5);
    assertThat(r.perCategory().get("recruitment").precision()).isEqualTo(0.5);
    assertThat(r.perCategory().get("recruitment").recall()).isEqualTo(0.5);
    assertThat(r.perCategory().get("reporting").f1()).isEqualTo(0.5);
    assertThat(r.macroF1()).isEqualTo(0.5);
    assertThat(r.confusion().get("recruitment"))
        .containsEntry("recruitment", 1)
        .containsEntry("reporting", 1);
    assertThat(r.flag().precision()).isEqualTo(0.5);
    assertThat(r.flag().recall()).isEqualTo(0.5);
    assertThat(r.flag().falsePositiveRate()).isEqualTo(0.5);
    // threshold 0.95: nothing flagged -> precision defined as 1, recall 0
    EvaluationReport.ThresholdRow high = r.thresholds().get(r.thresholds().size() - 1);
    assertThat(high.threshold()).isEqualTo(0.95);
    assertThat(high.flagged()).isZero();
    // ECE, 10 bins: bins 9 (0.9, pos), 3 (0.3, pos), 6 (0.6, neg), 2 (0.2, neg), one text each:
    // (|0.9-1| + |0.3-1| + |0.6-0| + |0.2-0|) / 4 = (0.1 + 0.7 + 0.6 + 0.2) / 4 = 0.4
    assertThat(r.expectedCalibrationError()).isCloseTo(0.4, within(1e-9));
    assertThat(r.toJson()).startsWith("{\"documents\":4,").contains("\"macroF1\":0.5000");
    assertThat(r.toText())
        .contains("macro-F1: 0.500")
        .contains("threshold 0.50: precision 0.500, recall 0.500, false-positive rate 0.500")
        .containsPattern("\\n     0\\.95         -     0\\.000     0\\.000        0\\n")
        .contains("(-: undefined");
  }

  @Test
  void aFileWithoutExtremistRowsHasNoRecallInTheText() {
    List<Prediction> ps = List.of(p("reporting", 0.7, 0.3), p("counter", 0.2, 0.8));

    String text = Reports.compute(ps, 0.5, 0).toText();

    assertThat(text)
        .contains("threshold 0.50: precision 0.000, recall -, false-positive rate 0.500");
  }

  @Test
  void thresholdIsTheLowestReachingTheTargetPrecision() {
    List<Prediction> ps =
        List.of(
            p("recruitment", 0.9, 0.1),
            p("recruitment", 0.7, 0.3),
            p("reporting", 0.6, 0.4),
            p("reporting", 0.2, 0.8));

    // at 0.50..0.60 the reporting text at 0.6 is flagged (precision 2/3); from 0.61 precision is 1
    assertThat(Reports.chooseThreshold(ps, 0.95, 0.5)).isEqualTo(0.61);
  }

  @Test
  void evaluatesACategorizerOnLabelledTexts() throws Exception {
    ExtremismCategorizer c = new ExtremismCategorizer(TinyCorpus.model());

    EvaluationReport r = ExtremismEvaluator.evaluate(c, TinyCorpus.samples());

    // training data: the model should fit it nearly perfectly
    assertThat(r.documents()).isEqualTo(60);
    assertThat(r.macroF1()).isGreaterThan(0.9);
    assertThat(r.threshold()).isEqualTo(c.threshold());
  }

  @Test
  void crossValidationHoldsOutEveryTextOnce() throws Exception {
    List<LabeledText> samples = TinyCorpus.samples();

    EvaluationReport r = ExtremismEvaluator.crossValidate(samples, 3, TinyCorpus.options());

    assertThat(r.documents()).isEqualTo(samples.size());
    assertThat(r.folds()).isEqualTo(3);
    assertThat(r.categories()).hasSize(6);
  }

  @Test
  void ratesBySourceCountExtremistAndOtherRowsApart() throws ModelException {
    ExtremismCategorizer categorizer = new ExtremismCategorizer(TinyCorpus.model());
    String recruiting =
        "Brothers, the time is now. Join us and take your place in the ranks of the Iron Dawn."
            + " Message me privately on Telegram and tell no one.";
    String garden = "The garden club meets on the first Monday of every month in the village hall.";
    List<LabeledText> samples =
        List.of(
            new LabeledText("recruitment", recruiting),
            new LabeledText("other", garden),
            new LabeledText("extremist", recruiting), // the public datasets' common label
            new LabeledText("benign_other", garden),
            new LabeledText("other", recruiting));
    List<String> sources = List.of("forum", "forum", "tweets", "tweets", "forum");

    ExtremismEvaluator.BySource r = ExtremismEvaluator.evaluate(categorizer, samples, sources);

    assertThat(r.bySource())
        .containsExactly(
            new SourceRates("forum", true, 1, 1),
            new SourceRates("forum", false, 2, 1),
            new SourceRates("tweets", true, 1, 1),
            new SourceRates("tweets", false, 1, 0));
    assertThat(r.bySource().get(1).rate()).isEqualTo(0.5);
    assertThat(r.report().documents()).isEqualTo(5);
    assertThat(r.report().flag().flagged())
        .isEqualTo(ExtremismEvaluator.evaluate(categorizer, samples).flag().flagged());
    assertThatThrownBy(() -> ExtremismEvaluator.evaluate(categorizer, samples, List.of("forum")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("5 samples but 1 sources");
  }
}
