package org.vigil.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
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
  private final SemanticStage semantic; // null: the maxent decides alone

  /** A categorizer for {@code model}. */
  public ExtremismCategorizer(ExtremismModel model) {
    this(Objects.requireNonNull(model, "model"), model.threshold(), null);
  }

  private ExtremismCategorizer(ExtremismModel model, double threshold, SemanticStage semantic) {
    this.model = model;
    this.threshold = threshold;
    this.semantic = semantic;
    String base = semantic == null ? model.version() : model.version() + "+" + semantic.version();
    double own = semantic == null ? model.threshold() : semantic.threshold();
    this.version =
        threshold == own
            ? base
            : base + "@" + BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
    this.engine = new Engine(model.data(), threshold, version, semantic);
  }

  /**
   * This categorizer flagging at {@code threshold} instead of its own (a source's {@code
   * flag_threshold}); the page gate and the stance rule move with it. Its {@link #modelVersion()}
   * is the model's with {@code @threshold} appended, so classifications say which threshold decided
   * them and a change of threshold counts as a change of model. The model's own threshold (the
   * semantic stage's, with one) gives the plain version again.
   *
   * @throws IllegalArgumentException unless {@code threshold} is in (0, 1)
   */
  public ExtremismCategorizer withThreshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
    }
    return threshold == this.threshold
        ? this
        : new ExtremismCategorizer(model, threshold, semantic);
  }

  /**
   * This categorizer with {@code stage} as the cascade's second stage, flagging at the stage's
   * threshold (a {@link #withThreshold} after this one moves it). Its {@link #modelVersion()} is
   * the model's with {@code +} and the stage's version appended.
   *
   * @throws IllegalArgumentException when the stage was calibrated for another model (its threshold
   *     would mean nothing for this one)
   */
  public ExtremismCategorizer withSemanticStage(SemanticStage stage) {
    Objects.requireNonNull(stage, "stage");
    if (!stage.calibratedFor().equals(model.version())) {
      throw new IllegalArgumentException(
          "semantic stage "
              + stage.version()
              + " was calibrated for model "
              + stage.calibratedFor()
              + ", not "
              + model.version());
    }
    return new ExtremismCategorizer(model, stage.threshold(), stage);
  }

  /** The semantic stage this categorizer uses, if any. */
  public Optional<SemanticStage> semanticStage() {
    return Optional.ofNullable(semantic);
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
   * vigil-default-3f2a9c1b04de@0.5} when flagging at another threshold ({@link #withThreshold});
   * {@code vigil-default-3f2a9c1b04de+e5-small-v2-9a8b7c6d5e4f} with a semantic stage.
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
