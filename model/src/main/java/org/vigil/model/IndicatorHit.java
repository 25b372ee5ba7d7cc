package org.vigil.model;

/**
 * One indicator from the indicator catalogue that fired on a text, with the sentence that fired it.
 *
 * @param id the catalogue id, e.g. {@code call-to-join}
 * @param name a human-readable name, e.g. "Call to join"
 * @param evidence the sentence (or passage excerpt) that triggered the indicator
 * @param weight the indicator's contribution to the score, for ranking evidence
 */
public record IndicatorHit(String id, String name, String evidence, double weight) {
  public IndicatorHit {
    Checks.notBlank(id, "id");
    name = name == null || name.isBlank() ? id : name;
    Checks.notBlank(evidence, "evidence");
  }
}
