package org.vigil.semantic.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.ExtremismModel;
import org.vigil.classifier.internal.DefaultModelBuilder;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.Prediction;
import org.vigil.classifier.internal.Reports;
import org.vigil.classifier.internal.Trainer;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.model.Categories;

/**
 * Builds the semantic head shipped for the default model from the default model's recipe rows
 * (bench/classifier/train-semantic.sh): a head fitted on the rows outside the recipe's hold-out
 * scores the hold-out in the cascade with the maxent model of the same rows, the threshold rule
 * picks the flag threshold there, and the shipped head is fitted on every row.
 */
public final class DefaultHeadBuilder {
  /**
   * Passages the maxent scores at least this are embedded: at 0.30 the cascade kept the most of its
   * out-of-source gain; higher screens embed fewer passages and keep less (model card).
   */
  static final double SCREEN = 0.30;

  /**
   * The most of each benign category of the hold-out the threshold may flag. 2 %, not the maxent's
   * 5 %: the cascade separates the training sources' hold-out so well that at 5 % its threshold
   * falls and unseen sources are flagged more (model card, "Semantic stage").
   */
  static final double MAX_BENIGN_FPR = 0.02;

  private DefaultHeadBuilder() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: DefaultHeadBuilder trainingDir stormfrontTsv corpusDir defaultModel headOut");
    }
    long start = System.nanoTime();
    List<TrainingRecipe.Row> rows =
        TrainingRecipe.shipped(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    String calibratedFor = ExtremismModel.load(Path.of(args[3])).version();
    List<float[]> vectors = embedded(rows, start);
    List<float[]> fitVectors = new ArrayList<>();
    List<Boolean> fitLabels = new ArrayList<>();
    List<Boolean> allLabels = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      boolean extremist = Categories.isExtremist(rows.get(i).sample().label());
      allLabels.add(extremist);
      if (!TrainingRecipe.heldOut(rows.get(i))) {
        fitVectors.add(vectors.get(i));
        fitLabels.add(extremist);
      }
    }
    DefaultModelBuilder.Holdout maxent =
        DefaultModelBuilder.holdout(rows, List.of(), DefaultModelBuilder.NAME);
    Head fitted =
        new Head(Embedder.NAME, "hold-out", SCREEN, 0.5, HeadTrainer.fit(fitVectors, fitLabels));
    Engine cascade = new Engine(maxent.model(), 0.5, "hold-out", new EmbeddingStage(fitted));
    List<Prediction> predictions = new ArrayList<>();
    for (TrainingRecipe.Row r : rows) {
      if (TrainingRecipe.heldOut(r)) {
        predictions.add(Trainer.predict(cascade, r.sample()));
      }
    }
    double threshold =
        Reports.chooseThreshold(
            predictions,
            DefaultModelBuilder.options(DefaultModelBuilder.NAME).targetPrecision(),
            Trainer.THRESHOLD_FLOOR,
            MAX_BENIGN_FPR);
    Head head =
        new Head(
            Embedder.NAME, calibratedFor, SCREEN, threshold, HeadTrainer.fit(vectors, allLabels));
    Path out = Path.of(args[4]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, head.bytes());
    EvaluationReport report = Reports.compute(predictions, threshold, 0);
    System.out.printf(
        Locale.ROOT,
        "[vigil] semantic head %s for %s: %d rows, screen %.2f, threshold %.2f,"
            + " hold-out flag P %.3f R %.3f (maxent alone: threshold %.2f, P %.3f R %.3f; %.0f s)%n",
        head.version(),
        calibratedFor,
        rows.size(),
        SCREEN,
        threshold,
        report.flag().precision(),
        report.flag().recall(),
        maxent.threshold(),
        maxent.report().flag().precision(),
        maxent.report().flag().recall(),
        (System.nanoTime() - start) / 1e9);
  }

  private static List<float[]> embedded(List<TrainingRecipe.Row> rows, long start) {
    List<float[]> out = new ArrayList<>(rows.size());
    for (int from = 0; from < rows.size(); from += 2048) {
      List<String> texts = new ArrayList<>();
      for (TrainingRecipe.Row r : rows.subList(from, Math.min(rows.size(), from + 2048))) {
        texts.add(r.sample().text());
      }
      out.addAll(Embedder.embed(texts));
      System.err.printf(
          Locale.ROOT,
          "[vigil] embedded %d of %d rows (%.0f s)%n",
          out.size(),
          rows.size(),
          (System.nanoTime() - start) / 1e9);
    }
    return out;
  }
}
