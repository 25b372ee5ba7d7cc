package org.vigil.classifier;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of evaluating a categorizer on labelled texts, or of cross-validating training.
 *
 * @param documents number of evaluated texts
 * @param folds cross-validation folds, or 0 for a plain evaluation
 * @param categories the gold categories, sorted
 * @param perCategory precision, recall, F1 and support of each gold category
 * @param accuracy share of texts whose decided category equals the gold label
 * @param macroF1 unweighted mean F1 over {@code categories}
 * @param confusion gold category -> predicted category -> count (predictions may include {@code
 *     empty} and {@code unsupported-language})
 * @param threshold the flag threshold the decisions were made with
 * @param flag precision/recall/false-positive rate of the flag decision (gold extremist = label in
 *     {@link org.vigil.model.Categories#EXTREMIST}) at {@code threshold}
 * @param thresholds the same for a grid of thresholds (precision-recall table)
 * @param expectedCalibrationError ECE of the flag score against gold extremist, 10 equal bins
 */
public record EvaluationReport(
    int documents,
    int folds,
    List<String> categories,
    Map<String, CategoryMetrics> perCategory,
    double accuracy,
    double macroF1,
    Map<String, Map<String, Integer>> confusion,
    double threshold,
    ThresholdRow flag,
    List<ThresholdRow> thresholds,
    double expectedCalibrationError) {

  public EvaluationReport {
    categories = List.copyOf(categories);
    perCategory = Map.copyOf(perCategory);
    confusion = Map.copyOf(confusion);
    thresholds = List.copyOf(thresholds);
  }

  /** Metrics of one category. */
  public record CategoryMetrics(double precision, double recall, double f1, int support) {}

  /**
   * The flag decision at one threshold.
   *
   * @param threshold flag when score >= threshold
   * @param precision flagged texts that are extremist
   * @param recall extremist texts that are flagged
   * @param falsePositiveRate non-extremist texts that are flagged
   * @param flagged number of flagged texts
   */
  public record ThresholdRow(
      double threshold, double precision, double recall, double falsePositiveRate, int flagged) {}

  /** A human-readable multi-line report. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "documents: %d%s%naccuracy: %.3f  macro-F1: %.3f  ECE: %.3f%n",
            documents,
            folds > 0 ? "  (" + folds + "-fold cross-validation)" : "",
            accuracy,
            macroF1,
            expectedCalibrationError));
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%-22s %9s %9s %9s %8s%n",
            "category",
            "precision",
            "recall",
            "f1",
            "support"));
    for (String c : categories) {
      CategoryMetrics m = perCategory.get(c);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-22s %9.3f %9.3f %9.3f %8d%n",
              c,
              m.precision(),
              m.recall(),
              m.f1(),
              m.support()));
    }
    List<String> predicted = predictedCategories();
    sb.append(
        String.format(Locale.ROOT, "%nconfusion (rows: gold, columns: predicted)%n%-14s", ""));
    for (String p : predicted) {
      sb.append(String.format(Locale.ROOT, " %12s", abbreviate(p)));
    }
    sb.append('\n');
    for (String g : categories) {
      sb.append(String.format(Locale.ROOT, "%-14s", abbreviate(g)));
      Map<String, Integer> row = confusion.getOrDefault(g, Map.of());
      for (String p : predicted) {
        sb.append(String.format(Locale.ROOT, " %12d", row.getOrDefault(p, 0)));
      }
      sb.append('\n');
    }
    int extremist = extremistSupport();
    int benign = perCategory.values().stream().mapToInt(CategoryMetrics::support).sum() - extremist;
    sb.append(
        String.format(
            Locale.ROOT,
            "%nflag decision at threshold %.2f: precision %s, recall %s, false-positive rate %s%n",
            threshold,
            rate(flag.precision(), flag.flagged() > 0),
            rate(flag.recall(), extremist > 0),
            rate(flag.falsePositiveRate(), benign > 0)));
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%9s %9s %9s %9s %8s%n",
            "threshold",
            "precision",
            "recall",
            "fpr",
            "flagged"));
    boolean undefined = flag.flagged() == 0 || extremist == 0 || benign == 0;
    for (ThresholdRow r : thresholds) {
      undefined |= r.flagged() == 0;
      sb.append(
          String.format(
              Locale.ROOT,
              "%9.2f %9s %9s %9s %8d%n",
              r.threshold(),
              rate(r.precision(), r.flagged() > 0),
              rate(r.recall(), extremist > 0),
              rate(r.falsePositiveRate(), benign > 0),
              r.flagged()));
    }
    if (undefined) {
      sb.append("(-: undefined: nothing flagged, or no extremist or no other rows in the file)\n");
    }
    return sb.toString();
  }

  /** Gold texts labelled extremist ({@link org.vigil.model.Categories#EXTREMIST}). */
  private int extremistSupport() {
    int n = 0;
    for (Map.Entry<String, CategoryMetrics> e : perCategory.entrySet()) {
      if (org.vigil.model.Categories.EXTREMIST.contains(e.getKey())) {
        n += e.getValue().support();
      }
    }
    return n;
  }

  /** A rate to three decimals, or {@code -} where it is undefined (0 of 0). */
  private static String rate(double value, boolean defined) {
    return defined ? String.format(Locale.ROOT, "%.3f", value) : "-";
  }

  private static String abbreviate(String s) {
    return s.length() <= 12 ? s : s.substring(0, 12);
  }

  private List<String> predictedCategories() {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(categories);
    confusion.values().forEach(m -> all.addAll(m.keySet()));
    return List.copyOf(all);
  }

  /** The report as one JSON object. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"documents\":").append(documents);
    sb.append(",\"folds\":").append(folds);
    sb.append(",\"accuracy\":").append(num(accuracy));
    sb.append(",\"macroF1\":").append(num(macroF1));
    sb.append(",\"expectedCalibrationError\":").append(num(expectedCalibrationError));
    sb.append(",\"threshold\":").append(num(threshold));
    sb.append(",\"flag\":").append(row(flag));
    sb.append(",\"categories\":{");
    boolean first = true;
    for (String c : categories) {
      CategoryMetrics m = perCategory.get(c);
      sb.append(first ? "" : ",").append(str(c)).append(":{");
      sb.append("\"precision\":").append(num(m.precision()));
      sb.append(",\"recall\":").append(num(m.recall()));
      sb.append(",\"f1\":").append(num(m.f1()));
      sb.append(",\"support\":").append(m.support()).append('}');
      first = false;
    }
    sb.append("},\"confusion\":{");
    first = true;
    for (String g : categories) {
      sb.append(first ? "" : ",").append(str(g)).append(":{");
      boolean f2 = true;
      for (Map.Entry<String, Integer> e :
          new java.util.TreeMap<>(confusion.getOrDefault(g, Map.of())).entrySet()) {
        sb.append(f2 ? "" : ",").append(str(e.getKey())).append(':').append(e.getValue());
        f2 = false;
      }
      sb.append('}');
      first = false;
    }
    sb.append("},\"thresholds\":[");
    first = true;
    for (ThresholdRow r : thresholds) {
      sb.append(first ? "" : ",").append(row(r));
      first = false;
    }
    return sb.append("]}").toString();
  }

  private static String row(ThresholdRow r) {
    return "{\"threshold\":"
        + num(r.threshold())
        + ",\"precision\":"
        + num(r.precision())
        + ",\"recall\":"
        + num(r.recall())
        + ",\"falsePositiveRate\":"
        + num(r.falsePositiveRate())
        + ",\"flagged\":"
        + r.flagged()
        + "}";
  }

  private static String num(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null";
  }

  private static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
