package org.vigil.classifier;

/**
 * How {@link ExtremismTrainer} trains a model. Training is deterministic: the same samples and
 * options give a byte-identical model.
 *
 * @param name a model name recorded in the model and its version, e.g. {@code vigil-default}
 * @param iterations training iterations (GIS runs all of them; fixed count = reproducible)
 * @param cutoff minimum number of documents a feature must occur in to be kept
 * @param l2Cost 0 trains OpenNLP GIS maxent (the default); above 0 trains L-BFGS maxent ({@code
 *     MAXENT_QN}) with this L2 regularisation, which converges faster but stops on a relative
 *     objective change and so reacts strongly to small feature changes
 * @param thresholdFolds folds of the internal cross-validation that picks the flag threshold; 0 or
 *     1 uses {@code fixedThreshold} instead
 * @param targetPrecision the flag precision the threshold is chosen to reach on cross-validated
 *     predictions
 * @param fixedThreshold the threshold used when no cross-validation is done, in (0, 1)
 */
public record TrainingOptions(
    String name,
    int iterations,
    int cutoff,
    double l2Cost,
    int thresholdFolds,
    double targetPrecision,
    double fixedThreshold) {

  public TrainingOptions {
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("name must match [A-Za-z0-9._-]+, was " + name);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
    }
    if (cutoff < 0) {
      throw new IllegalArgumentException("cutoff must be >= 0, was " + cutoff);
    }
    if (!(l2Cost >= 0)) {
      throw new IllegalArgumentException("l2Cost must be >= 0, was " + l2Cost);
    }
    if (thresholdFolds < 0) {
      throw new IllegalArgumentException("thresholdFolds must be >= 0, was " + thresholdFolds);
    }
    if (!(targetPrecision > 0 && targetPrecision <= 1)) {
      throw new IllegalArgumentException(
          "targetPrecision must be in (0, 1], was " + targetPrecision);
    }
    if (!(fixedThreshold > 0 && fixedThreshold < 1)) {
      throw new IllegalArgumentException("fixedThreshold must be in (0, 1), was " + fixedThreshold);
    }
  }

  /** The options the default model is built with. */
  public static TrainingOptions defaults() {
    return new TrainingOptions("vigil", 100, 2, 0.0, 5, 0.95, 0.5);
  }

  /** These options with another name. */
  public TrainingOptions withName(String newName) {
    return new TrainingOptions(
        newName, iterations, cutoff, l2Cost, thresholdFolds, targetPrecision, fixedThreshold);
  }

  /** These options with another feature cutoff. */
  public TrainingOptions withCutoff(int newCutoff) {
    return new TrainingOptions(
        name, iterations, newCutoff, l2Cost, thresholdFolds, targetPrecision, fixedThreshold);
  }

  /** These options without the threshold search, flagging at {@code threshold}. */
  public TrainingOptions withFixedThreshold(double threshold) {
    return new TrainingOptions(name, iterations, cutoff, l2Cost, 0, targetPrecision, threshold);
  }

  /** These options without the threshold cross-validation (fast; uses {@code fixedThreshold}). */
  public TrainingOptions withoutThresholdSearch() {
    return new TrainingOptions(
        name, iterations, cutoff, l2Cost, 0, targetPrecision, fixedThreshold);
  }
}
