package org.vigil.classifier;

import java.util.List;

/**
 * The second stage of the classification cascade: a sentence-embedding model and a head trained on
 * its embeddings. The maxent model screens every passage; a passage scoring at least {@link
 * #screen()} is scored by this stage too, and its score becomes the mean of the two, flagged at
 * {@link #threshold()} (ADR 0002, decision 17). Implementations must be thread-safe.
 */
public interface SemanticStage {
  /**
   * The stage's probability that each text is extremist, in the order given.
   *
   * @throws IllegalStateException when the embedding model fails
   */
  double[] score(List<String> texts);

  /** Passages whose maxent score reaches this are scored by the stage; the others keep theirs. */
  double screen();

  /** The flag threshold on the combined score, chosen with the stage on the recipe's hold-out. */
  double threshold();

  /** The model version the stage was calibrated with ({@link ExtremismModel#version()}). */
  String calibratedFor();

  /** Names the embedding model and the head, e.g. {@code e5-small-v2-3f2a9c1b04de}. */
  String version();
}
