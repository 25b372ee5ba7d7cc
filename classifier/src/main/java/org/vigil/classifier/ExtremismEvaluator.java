package org.vigil.classifier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.Prediction;
import org.vigil.classifier.internal.Reports;
import org.vigil.classifier.internal.Trainer;
import org.vigil.model.Categories;
import org.vigil.model.LabeledText;

/** Evaluates categorizers on labelled texts and cross-validates training. */
public final class ExtremismEvaluator {
  private ExtremismEvaluator() {}

  /** Evaluates {@code categorizer} on {@code samples} at its own threshold. */
  public static EvaluationReport evaluate(
      ExtremismCategorizer categorizer, List<LabeledText> samples) {
    return Reports.compute(predict(categorizer, samples), categorizer.threshold(), 0);
  }

  /**
   * A report and the rates by source, from one classification of each sample.
   *
   * @param report as {@link #evaluate(ExtremismCategorizer, List)} gives it
   * @param bySource per source (in order of first appearance), extremist rows first
   */
  public record BySource(EvaluationReport report, List<SourceRates> bySource) {
    public BySource {
      bySource = List.copyOf(bySource);
    }
  }

  /**
   * Evaluates {@code categorizer} as {@link #evaluate(ExtremismCategorizer, List)} does and counts
   * its flags per source: {@code sources.get(i)} is the source of {@code samples.get(i)}.
   *
   * @throws IllegalArgumentException when the lists differ in length
   */
  public static BySource evaluate(
      ExtremismCategorizer categorizer, List<LabeledText> samples, List<String> sources) {
    if (sources.size() != samples.size()) {
      throw new IllegalArgumentException(
          samples.size() + " samples but " + sources.size() + " sources");
    }
    List<Prediction> predictions = predict(categorizer, samples);
    double threshold = categorizer.threshold();
    // per source: [extremist rows, other rows] x [rows, flagged]
    Map<String, int[][]> counts = new LinkedHashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      int[] c =
          counts
              .computeIfAbsent(sources.get(i), k -> new int[2][2])[
              extremistLabel(samples.get(i).label()) ? 0 : 1];
      c[0]++;
      c[1] += predictions.get(i).flagged(threshold) ? 1 : 0;
    }
    List<SourceRates> rates = new ArrayList<>();
    counts.forEach(
        (source, c) -> {
          for (int kind = 0; kind < 2; kind++) {
            if (c[kind][0] > 0) {
              rates.add(new SourceRates(source, kind == 0, c[kind][0], c[kind][1]));
            }
          }
        });
    return new BySource(Reports.compute(predictions, threshold, 0), rates);
  }

  /**
   * Whether a gold label marks extremist text: an extremist category, or {@code extremist}, the
   * common label of the public datasets' extremist rows (which the evaluator may be given as they
   * are; their other common labels, {@code benign_*}, are not extremist either way).
   */
  static boolean extremistLabel(String label) {
    return Categories.isExtremist(label) || label.equals("extremist");
  }

  private static List<Prediction> predict(
      ExtremismCategorizer categorizer, List<LabeledText> samples) {
    Objects.requireNonNull(categorizer, "categorizer");
    Objects.requireNonNull(samples, "samples");
    Engine engine = categorizer.engine();
    List<Prediction> predictions = new ArrayList<>(samples.size());
    for (LabeledText s : samples) {
      predictions.add(Trainer.predict(engine, s));
    }
    return predictions;
  }

  /**
   * k-fold cross-validation: trains on k-1 folds, predicts the held-out fold, and reports all
   * held-out predictions together. Folds are stratified by label and deterministic. The flag
   * threshold of the report is chosen on these predictions as training would choose it.
   *
   * @throws ModelException when a fold cannot be trained
   * @throws IllegalArgumentException when {@code folds < 2}
   */
  public static EvaluationReport crossValidate(
      List<LabeledText> samples, int folds, TrainingOptions o) throws ModelException {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2, was " + folds);
    }
    Objects.requireNonNull(o, "options");
    try {
      List<Prediction> p = Trainer.crossValidate(samples, folds, o, ExtremismTrainer.catalogue());
      double t =
          Reports.chooseThreshold(
              p, o.targetPrecision(), Trainer.THRESHOLD_FLOOR, Trainer.MAX_CATEGORY_FPR);
      return Reports.compute(p, t, folds);
    } catch (IOException | RuntimeException e) {
      throw new ModelException("cross-validation failed: " + e.getMessage(), e);
    }
  }
}
