package org.vigil.classifier;

/**
 * How often a categorizer flagged the rows of one source of an evaluation file, extremist and
 * benign rows apart: for extremist rows the share is the source's recall, for the others its
 * false-positive rate. Quality is measured by source because a model tuned to one forum does not
 * generalise: pooled numbers hide a source that is always missed or always flagged.
 *
 * @param source the value of the evaluation file's source column
 * @param extremist whether these are the source's extremist rows (else its other rows)
 * @param rows how many such rows the file has (texts that were not scored, e.g. in another
 *     language, included: they are not flagged)
 * @param flagged how many of them were flagged
 */
public record SourceRates(String source, boolean extremist, int rows, int flagged) {
  /** {@code flagged / rows}: recall for extremist rows, false-positive rate for the others. */
  public double rate() {
    return rows == 0 ? 0 : (double) flagged / rows;
  }
}
