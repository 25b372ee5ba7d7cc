package org.vigil.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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
  private final double threshold;
  private final String version;

  /** A categorizer for {@code model}. */
  public ExtremismCategorizer(ExtremismModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.engine = new Engine(model.data());
    this.threshold = model.threshold();
    this.version = model.version();
  }

  private ExtremismCategorizer(ExtremismModel model, double threshold) {
    this.model = model;
    this.threshold = threshold;
    this.version =
        model.version() + "@" + BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
    this.engine = new Engine(model.data(), threshold, version);
  }

  /**
   * This categorizer flagging at {@code threshold} instead of the model's own threshold (a source's
   * {@code flag_threshold}); the page gate and the stance rule move with it. Its {@link
   * #modelVersion()} is the model's with {@code @threshold} appended, so classifications say which
   * threshold decided them and a change of threshold counts as a change of model. The model's own
   * threshold gives this categorizer itself.
   *
   * @throws IllegalArgumentException unless {@code threshold} is in (0, 1)
   */
  public ExtremismCategorizer withThreshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
    }
    if (threshold == this.threshold) {
      return this;
    }
    return threshold == model.threshold()
        ? new ExtremismCategorizer(model)
        : new ExtremismCategorizer(model, threshold);
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

  /**
   * The model version, e.g. {@code vigil-default-3f2a9c1b04de}; {@code
   * vigil-default-3f2a9c1b04de@0.5} when flagging at another threshold ({@link #withThreshold}).
   */
  public String modelVersion() {
    return version;
  }

  /** The flag threshold on P(recruitment) + P(propaganda). */
  public double threshold() {
    return threshold;
  }

  /** The engine deciding at this categorizer's threshold (evaluation uses the same). */
  Engine engine() {
    return engine;
  }

  /** The model this categorizer uses. */
  public ExtremismModel model() {
    return model;
  }
}
