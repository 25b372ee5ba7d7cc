package org.vigil.model;

/**
 * A training or evaluation example: a text and its category label.
 *
 * @param label the category, e.g. {@code recruitment}
 * @param text the text, never blank
 */
public record LabeledText(String label, String text) {
  public LabeledText {
    Checks.notBlank(label, "label");
    Checks.notBlank(text, "text");
  }
}
