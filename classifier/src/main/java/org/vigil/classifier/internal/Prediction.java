package org.vigil.classifier.internal;

import java.util.Map;

/**
 * One evaluated text: its gold label, the model's probabilities and flag score, and a special
 * category ({@code empty}, {@code unsupported-language}) when it was not scored.
 */
public record Prediction(
    String gold, String special, Map<String, Double> probabilities, double score) {
  public Prediction {
    probabilities = Map.copyOf(probabilities);
  }

  /** The decided category at {@code threshold}. */
  public String category(double threshold) {
    if (special != null) {
      return special;
    }
    return Engine.decideCategory(probabilities, flagged(threshold));
  }

  public boolean flagged(double threshold) {
    return special == null && score >= threshold;
  }
}
