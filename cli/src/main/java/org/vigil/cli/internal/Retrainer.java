package org.vigil.cli.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ExtremismEvaluator;
import org.vigil.classifier.ExtremismModel;
import org.vigil.classifier.ExtremismTrainer;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.TrainingOptions;
import org.vigil.model.LabeledText;

/**
 * Retraining from analyst reviews: trains a new model on the corpus plus reviewed items, and
 * evaluates the current model, corpus-only training and corpus+reviews training on the same
 * held-out part of the corpus.
 *
 * <p>The held-out split is deterministic (a hash of each text picks about one in {@code 1/heldOut}
 * corpus rows), so old and new model see exactly the same texts. Reviewed items always go to
 * training: they are few, and they are the point of retraining.
 */
public final class Retrainer {
  /**
   * The outcome.
   *
   * @param model the new model: full corpus plus reviews
   * @param oldReport the model in use now, on the held-out split (it may have seen those rows)
   * @param baselineReport corpus-only training on the training split, on the held-out split
   * @param newReport corpus plus reviews on the training split, on the held-out split
   * @param notWorse whether {@code newReport} is not worse than {@code baselineReport}: the reviews
   *     did not hurt on the same split with the same recipe
   */
  public record Outcome(
      ExtremismModel model,
      EvaluationReport oldReport,
      EvaluationReport baselineReport,
      EvaluationReport newReport,
      int trainSize,
      int heldOutSize,
      boolean notWorse) {}

  private Retrainer() {}

  /**
   * Trains and compares.
   *
   * @param corpus the project corpus
   * @param reviewed reviewed items as labelled texts (false positives already relabelled)
   * @param current the model in use now
   * @param heldOutShare share of the corpus held out, in (0, 0.5]
   * @param tolerance how much lower the new macro-F1 may be and still count as not worse
   */
  public static Outcome retrain(
      List<LabeledText> corpus,
      List<LabeledText> reviewed,
      ExtremismCategorizer current,
      TrainingOptions options,
      double heldOutShare,
      double tolerance)
      throws ModelException {
    Objects.requireNonNull(current, "current");
    if (!(heldOutShare > 0 && heldOutShare <= 0.5)) {
      throw new IllegalArgumentException("heldOutShare must be in (0, 0.5], was " + heldOutShare);
    }
    List<LabeledText> train = new ArrayList<>();
    List<LabeledText> heldOut = new ArrayList<>();
    for (LabeledText t : corpus) {
      (bucket(t.text()) < heldOutShare ? heldOut : train).add(t);
    }
    if (heldOut.isEmpty()) {
      throw new ModelException("corpus too small: nothing left to hold out for evaluation");
    }
    // The deployed model was usually trained on the whole corpus, held-out rows included, so the
    // decision compares the two recipes trained on the same split: corpus alone vs corpus+reviews.
    ExtremismModel baseline = ExtremismTrainer.train(train, options);
    List<LabeledText> trainWithReviews = new ArrayList<>(train);
    trainWithReviews.addAll(reviewed);
    ExtremismModel candidate = ExtremismTrainer.train(trainWithReviews, options);
    EvaluationReport oldReport = ExtremismEvaluator.evaluate(current, heldOut);
    EvaluationReport baselineReport =
        ExtremismEvaluator.evaluate(new ExtremismCategorizer(baseline), heldOut);
    EvaluationReport newReport =
        ExtremismEvaluator.evaluate(new ExtremismCategorizer(candidate), heldOut);
    boolean notWorse = newReport.macroF1() >= baselineReport.macroF1() - tolerance;
    List<LabeledText> all = new ArrayList<>(corpus);
    all.addAll(reviewed);
    ExtremismModel model = ExtremismTrainer.train(all, options);
    return new Outcome(
        model, oldReport, baselineReport, newReport, all.size(), heldOut.size(), notWorse);
  }

  /** A stable number in [0, 1) from the text. */
  static double bucket(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 6; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v / (double) (1L << 48);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
