package org.vigil.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.vigil.classifier.internal.Engine;
import org.vigil.model.Classification;
import org.vigil.model.ExtractedContent;

/**
 * Classifies texts and pages for extremist recruitment and propaganda, explaining each decision
 * with the catalogue indicators that fired and the sentences that fired them. Thread-safe: one
 * instance serves all threads.
 *
 * <pre>{@code
 * ExtremismCategorizer c = ExtremismCategorizer.loadDefault();
 * Classification r = c.categorize("...");
 * if (r.flagged()) System.out.println(r.category() + " " + r.topEvidence());
 * }</pre>
 */
public final class ExtremismCategorizer {
  /** Classpath location of the default model built from the project corpus. */
  public static final String DEFAULT_MODEL = "/org/vigil/classifier/default-model.bin";

  private final ExtremismModel model;
  private final Engine engine;

  /** A categorizer for {@code model}. */
  public ExtremismCategorizer(ExtremismModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.engine = new Engine(model.data());
  }

  /** The default model shipped in the classifier jar. */
  public static ExtremismCategorizer loadDefault() throws ModelException {
    try (InputStream in = ExtremismCategorizer.class.getResourceAsStream(DEFAULT_MODEL)) {
      if (in == null) {
        throw new ModelException(
            "classpath:"
                + DEFAULT_MODEL
                + ": default model not built (no corpus in classifier/src/main/corpus?)");
      }
      return new ExtremismCategorizer(
          ExtremismModel.fromBytes(in.readAllBytes(), "classpath:" + DEFAULT_MODEL));
    } catch (IOException e) {
      throw new ModelException("classpath:" + DEFAULT_MODEL + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model file.
   *
   * @throws ModelException one line naming the file when it is missing, not a model, or corrupt
   */
  public static ExtremismCategorizer load(Path modelFile) throws ModelException {
    return new ExtremismCategorizer(ExtremismModel.load(modelFile));
  }

  /**
   * Classifies a text. Blank or very short text gives category {@code empty}; text not in English
   * gives {@code unsupported-language} with the detected language; neither is ever flagged.
   */
  public Classification categorize(String text) {
    Objects.requireNonNull(text, "text");
    return engine.categorize(ExtractedContent.ofText(text));
  }

  /**
   * Classifies extracted content passage by passage: its {@link ExtractedContent#passages()} when
   * present (e.g. forum posts), else windows of 3-6 sentences of its text along paragraph
   * boundaries. The score is the highest passage score; {@link Classification#passageIndex()} names
   * that passage (-1 when the text was a single window).
   */
  public Classification categorize(ExtractedContent content) {
    Objects.requireNonNull(content, "content");
    return engine.categorize(content);
  }

  /** The model version, e.g. {@code vigil-default-3f2a9c1b04de}. */
  public String modelVersion() {
    return model.version();
  }

  /** The flag threshold on P(recruitment) + P(propaganda). */
  public double threshold() {
    return model.threshold();
  }

  /** The model this categorizer uses. */
  public ExtremismModel model() {
    return model;
  }
}
