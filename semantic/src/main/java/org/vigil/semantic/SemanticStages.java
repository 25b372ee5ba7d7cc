package org.vigil.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.SemanticStage;
import org.vigil.semantic.internal.EmbeddingStage;
import org.vigil.semantic.internal.Head;

/**
 * Loads the cascade's semantic stage: sentence embeddings of the quantised e5-small-v2 model and a
 * head trained on them, for {@link org.vigil.classifier.ExtremismCategorizer#withSemanticStage}.
 *
 * <pre>{@code
 * ExtremismCategorizer c =
 *     ExtremismCategorizer.loadDefault().withSemanticStage(SemanticStages.loadDefault());
 * }</pre>
 */
public final class SemanticStages {
  /** Classpath location of the head calibrated with the default model. */
  public static final String DEFAULT_HEAD = "/org/vigil/semantic/default-head.bin";

  private SemanticStages() {}

  /**
   * The stage shipped for the default model. The embedding model itself loads on first use.
   *
   * @throws ModelException when the head is missing or corrupt
   */
  public static SemanticStage loadDefault() throws ModelException {
    String where = "classpath:" + DEFAULT_HEAD;
    try (InputStream in = SemanticStages.class.getResourceAsStream(DEFAULT_HEAD)) {
      if (in == null) {
        throw new ModelException(where + ": semantic head not in this build");
      }
      return of(in.readAllBytes(), where);
    } catch (IOException e) {
      throw new ModelException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * A stage from a head file.
   *
   * @throws ModelException one line naming the file when it is missing or not a head file
   */
  public static SemanticStage load(Path headFile) throws ModelException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(headFile);
    } catch (NoSuchFileException e) {
      throw new ModelException(headFile + ": no such semantic head file", e);
    } catch (IOException e) {
      throw new ModelException(headFile + ": cannot read: " + e.getMessage(), e);
    }
    return of(bytes, headFile.toString());
  }

  private static SemanticStage of(byte[] bytes, String where) throws ModelException {
    try {
      return new EmbeddingStage(Head.fromBytes(bytes));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelException(where + ": " + e.getMessage(), e);
    }
  }
}
