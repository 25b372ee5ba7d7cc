package org.vigil.classifier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.Prediction;
import org.vigil.classifier.internal.Reports;
import org.vigil.classifier.internal.Trainer;
import org.vigil.model.LabeledText;

/** Evaluates categorizers on labelled texts and cross-validates training. */
public final class ExtremismEvaluator {
  private ExtremismEvaluator() {}

  /** Evaluates {@code categorizer} on {@code samples} at its own threshold. */
  public static EvaluationReport evaluate(
      ExtremismCategorizer categorizer, List<LabeledText> samples) {
    Objects.requireNonNull(categorizer, "categorizer");
    Objects.requireNonNull(samples, "samples");
    Engine engine = categorizer.engine();
    List<Prediction> predictions = new ArrayList<>(samples.size());
    for (LabeledText s : samples) {
      predictions.add(Trainer.predict(engine, s));
    }
    return Reports.compute(predictions, categorizer.threshold(), 0);
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
