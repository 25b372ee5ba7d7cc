package org.vigil.model;

import java.util.List;
import java.util.Map;

/**
 * The classifier's verdict on one text or page, with the evidence behind it.
 *
 * @param category the most likely category (see {@link Categories})
 * @param score the combined probability of the extremist categories, in [0, 1]
 * @param flagged whether the score passed the model's flag threshold
 * @param language the detected language (ISO 639-1 where known, e.g. {@code en})
 * @param probabilities the probability of every category of the model
 * @param indicators the catalogue indicators that fired, strongest first, each with its evidence
 * @param modelVersion the id of the model that produced this classification
 * @param passageIndex index of the passage that decided the score, or -1 for the whole text
 */
public record Classification(
    String category,
    double score,
    boolean flagged,
    String language,
    Map<String, Double> probabilities,
    List<IndicatorHit> indicators,
    String modelVersion,
    int passageIndex) {
  public Classification {
    Checks.notBlank(category, "category");
    Checks.probability(score, "score");
    language = Checks.orEmpty(language);
    probabilities = Checks.map(probabilities);
    indicators = Checks.list(indicators);
    Checks.notBlank(modelVersion, "modelVersion");
    if (passageIndex < -1) {
      throw new IllegalArgumentException("passageIndex must be >= -1, was " + passageIndex);
    }
  }

  /** The evidence of the strongest indicator, or an empty string when none fired. */
  public String topEvidence() {
    return indicators.isEmpty() ? "" : indicators.get(0).evidence();
  }
}
