package org.vigil.classifier.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.EvaluationReport.CategoryMetrics;
import org.vigil.classifier.EvaluationReport.ThresholdRow;
import org.vigil.model.Categories;

/** Computes evaluation reports and flag thresholds from predictions. */
public final class Reports {
  private Reports() {}

  /** The report for {@code predictions} decided at {@code threshold}. */
  public static EvaluationReport compute(
      List<Prediction> predictions, double threshold, int folds) {
    TreeSet<String> gold = new TreeSet<>();
    predictions.forEach(p -> gold.add(p.gold()));
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn
    int correct = 0;
    for (Prediction p : predictions) {
      String predicted = p.category(threshold);
      confusion.computeIfAbsent(p.gold(), k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
      if (predicted.equals(p.gold())) {
        correct++;
        counts.computeIfAbsent(predicted, k -> new int[3])[0]++;
      } else {
        counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
        counts.computeIfAbsent(p.gold(), k -> new int[3])[2]++;
      }
    }
    Map<String, CategoryMetrics> per = new TreeMap<>();
    double f1Sum = 0;
    for (String c : gold) {
      int[] k = counts.getOrDefault(c, new int[3]);
      double precision = ratio(k[0], k[0] + k[1]);
      double recall = ratio(k[0], k[0] + k[2]);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      per.put(c, new CategoryMetrics(precision, recall, f1, k[0] + k[2]));
      f1Sum += f1;
    }
    List<ThresholdRow> rows = new ArrayList<>();
    for (int t = 5; t <= 95; t += 5) {
      rows.add(flagRow(predictions, t / 100.0));
    }
    return new EvaluationReport(
        predictions.size(),
        folds,
        List.copyOf(gold),
        per,
        ratio(correct, predictions.size()),
        gold.isEmpty() ? 0 : f1Sum / gold.size(),
        confusion,
        threshold,
        flagRow(predictions, threshold),
        rows,
        calibrationError(predictions, 10));
  }

  /** Precision, recall and false-positive rate of "score >= threshold" against gold extremist. */
  public static ThresholdRow flagRow(List<Prediction> predictions, double threshold) {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    for (Prediction p : predictions) {
      boolean truth = Categories.isExtremist(p.gold());
      boolean flag = p.flagged(threshold);
      if (flag && truth) {
        tp++;
      } else if (flag) {
        fp++;
      } else if (truth) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ThresholdRow(
        threshold,
        tp + fp == 0 ? 1.0 : ratio(tp, tp + fp),
        ratio(tp, tp + fn),
        ratio(fp, fp + tn),
        tp + fp);
  }

  /** Expected calibration error of the flag score, {@code bins} equal-width bins. */
  public static double calibrationError(List<Prediction> predictions, int bins) {
    double[] sumScore = new double[bins];
    int[] positives = new int[bins];
    int[] n = new int[bins];
    for (Prediction p : predictions) {
      int b = Math.min(bins - 1, (int) (p.score() * bins));
      sumScore[b] += p.score();
      positives[b] += Categories.isExtremist(p.gold()) ? 1 : 0;
      n[b]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) {
        ece +=
            (double) n[b]
                / predictions.size()
                * Math.abs(sumScore[b] / n[b] - (double) positives[b] / n[b]);
      }
    }
    return ece;
  }

  /**
   * The flag threshold for precision: the lowest threshold (on a 0.01 grid, not below {@code
   * floor}) whose cross-validated flag precision reaches {@code target} and whose false-positive
   * rate on every non-extremist category stays at or below {@code maxCategoryFpr}; when none does,
   * the threshold with the best F0.5 (precision weighted twice as much as recall).
   */
  public static double chooseThreshold(
      List<Prediction> predictions, double target, double floor, double maxCategoryFpr) {
    double bestF = -1;
    double bestT = floor;
    for (int i = (int) Math.round(floor * 100); i <= 99; i++) {
      double t = i / 100.0;
      ThresholdRow r = flagRow(predictions, t);
      if (r.flagged() > 0
          && r.precision() >= target
          && maxBenignFpr(predictions, t) <= maxCategoryFpr) {
        return t;
      }
      double p = r.precision();
      double rec = r.recall();
      double f = p + rec == 0 ? 0 : 1.25 * p * rec / (0.25 * p + rec);
      if (f > bestF) {
        bestF = f;
        bestT = t;
      }
    }
    return bestT;
  }

  /** As {@link #chooseThreshold(List, double, double, double)} without a per-category limit. */
  public static double chooseThreshold(List<Prediction> predictions, double target, double floor) {
    return chooseThreshold(predictions, target, floor, 1.0);
  }

  /** The highest flag rate among the non-extremist gold categories at {@code threshold}. */
  public static double maxBenignFpr(List<Prediction> predictions, double threshold) {
    Map<String, int[]> byCategory = new TreeMap<>();
    for (Prediction p : predictions) {
      if (!Categories.isExtremist(p.gold())) {
        int[] k = byCategory.computeIfAbsent(p.gold(), x -> new int[2]);
        k[0]++;
        k[1] += p.flagged(threshold) ? 1 : 0;
      }
    }
    double max = 0;
    for (int[] k : byCategory.values()) {
      max = Math.max(max, ratio(k[1], k[0]));
    }
    return max;
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
