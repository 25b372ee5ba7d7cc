package org.vigil.semantic.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The quantised e5-small-v2 sentence-embedding model, run in process by ONNX Runtime (the model is
 * in the jar; nothing is downloaded). Loaded on first use (about a second and ~100 MB) and shared:
 * ONNX Runtime sessions are thread-safe.
 */
public final class Embedder {
  /** The name a head records for the embeddings it reads. */
  public static final String NAME = "e5-small-v2-q";

  /** e5 models are trained with this prefix on texts to be classified or searched. */
  static final String PREFIX = "query: ";

  /** Texts per call into ONNX Runtime: large enough to keep both cores busy, small in memory. */
  static final int BATCH = 64;

  private static volatile EmbeddingModel model;

  private Embedder() {}

  /**
   * The embeddings of {@code texts}, in order.
   *
   * @throws IllegalStateException when ONNX Runtime cannot load or run the model
   */
  public static List<float[]> embed(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<TextSegment> batch = new ArrayList<>();
      for (String t : texts.subList(from, Math.min(texts.size(), from + BATCH))) {
        batch.add(TextSegment.from(PREFIX + t));
      }
      try {
        for (Embedding e : model().embedAll(batch).content()) {
          out.add(e.vector());
        }
      } catch (RuntimeException | LinkageError e) {
        throw new IllegalStateException(NAME + ": embedding failed: " + e, e);
      }
    }
    return out;
  }

  private static EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (Embedder.class) {
        m = model;
        if (m == null) {
          m = new E5SmallV2QuantizedEmbeddingModel();
          model = m;
        }
      }
    }
    return m;
  }
}
