package org.vigil.semantic.internal;

import java.util.List;
import java.util.Objects;
import org.vigil.classifier.SemanticStage;

/** The semantic stage of a {@link Head}: embeds with {@link Embedder}, scores with the head. */
public final class EmbeddingStage implements SemanticStage {
  private final Head head;
  private final String version;

  /**
   * A stage for {@code head}.
   *
   * @throws IllegalArgumentException when the head reads another embedding model's vectors
   */
  public EmbeddingStage(Head head) {
    this.head = Objects.requireNonNull(head, "head");
    if (!head.embedding().equals(Embedder.NAME)) {
      throw new IllegalArgumentException(
          "head reads " + head.embedding() + " embeddings; this build has " + Embedder.NAME);
    }
    this.version = head.version();
  }

  public Head head() {
    return head;
  }

  @Override
  public double[] score(List<String> texts) {
    List<float[]> vectors = Embedder.embed(texts);
    double[] out = new double[vectors.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = head.probability(vectors.get(i));
    }
    return out;
  }

  @Override
  public double screen() {
    return head.screen();
  }

  @Override
  public double threshold() {
    return head.threshold();
  }

  @Override
  public String calibratedFor() {
    return head.calibratedFor();
  }

  @Override
  public String version() {
    return version;
  }
}
