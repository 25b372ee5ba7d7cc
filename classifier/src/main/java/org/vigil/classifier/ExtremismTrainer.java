package org.vigil.classifier;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.classifier.internal.IndicatorCatalogue;
import org.vigil.classifier.internal.Trainer;
import org.vigil.model.LabeledText;

/**
 * Trains extremism models. Deterministic: the same samples (in any order) and options give a
 * byte-identical model. With {@link TrainingOptions#thresholdFolds()} >= 2 the flag threshold is
 * chosen on cross-validated predictions to reach {@link TrainingOptions#targetPrecision()}.
 */
public final class ExtremismTrainer {
  private ExtremismTrainer() {}

  /**
   * Trains a model with the default indicator catalogue.
   *
   * @throws ModelException when the samples have fewer than two categories or training fails
   */
  public static ExtremismModel train(List<LabeledText> samples, TrainingOptions options)
      throws ModelException {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(options, "options");
    Set<String> labels = new TreeSet<>();
    samples.forEach(s -> labels.add(s.label()));
    if (labels.size() < 2) {
      throw new ModelException(
          "training data needs at least two categories, found " + labels.size() + " " + labels);
    }
    try {
      return new ExtremismModel(Trainer.train(samples, options, catalogue()).model());
    } catch (IOException | RuntimeException e) {
      throw new ModelException("training failed: " + e.getMessage(), e);
    }
  }

  static IndicatorCatalogue catalogue() throws ModelException {
    try {
      return IndicatorCatalogue.loadDefault();
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelException("indicator catalogue: " + e.getMessage(), e);
    }
  }
}
