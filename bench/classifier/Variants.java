import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.vigil.classifier.TrainingOptions;
import org.vigil.classifier.internal.DefaultModelBuilder;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.IndicatorCatalogue;
import org.vigil.classifier.internal.ModelData;
import org.vigil.classifier.internal.Trainer;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.ExtractedContent;
import org.vigil.model.LabeledText;

/**
 * A variant of the default model's recipe, measured where a variant can be judged quickly: trained
 * on the recipe's 80 % (as the threshold model is), then the separation of extremist from benign
 * rows (ROC-AUC, recall at 1 / 2 / 5 % of benign rows flagged) on the recipe's hold-out and on the
 * research-only sources never trained on (1,000 rows per label each, offensive rows left out), and
 * the recall / flag rate per source at the threshold the recipe's rule picks. Variants (env):
 * ITER, CUTOFF, L2 (above 0: L-BFGS), WEIGHT ("dataset:label=copies,...": copies as they are, 0 leaves the rows out of training; the
 * recipe's word copies, TrainingRecipe.WORD_COPIES, are added unless STRIP or NEGATION), NEGATION=1 (words after
 * a negation, up to the next punctuation, become other words: "not animals" -> "not nonanimals"),
 * STRIP=1 (retweet marks, mentions, links and HTML entities removed from every text: what the
 * sources' platforms add, not what their authors say). SAVE=FILE writes the variant's model (for
 * Pages.java's PAGES_MODEL), MODEL=FILE scores a saved variant instead of training one; DUMP=FILE one line per scored row (set, dataset, label, score). Usage:
 * java -cp CP Variants.java TRAINING_DIR STORMFRONT_TSV CORPUS_DIR
 */
public class Variants {
  static final boolean NEGATION = "1".equals(System.getenv("NEGATION"));
  static final Pattern NEGATOR =
      Pattern.compile("(?i)not|no|never|nor|cannot|n't|don't|isn't|aren't|wasn't|won't|doesn't|didn't|stop|against|reject|condemn|oppose");

  record Scored(String dataset, String label, double score) {}

  public static void main(String[] a) throws Exception {
    Path training = Path.of(a[0]);
    List<Row> rows = TrainingRecipe.shipped(training, Path.of(a[1]), Path.of(a[2]),
        TrainingRecipe.withCaps(System.getenv().getOrDefault("CAPS", "")));
    IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
    Map<String, Integer> weight = new HashMap<>();
    for (String kv : System.getenv().getOrDefault("WEIGHT", "").split(",")) {
      if (kv.contains("=")) {
        weight.put(kv.substring(0, kv.indexOf('=')), Integer.parseInt(kv.substring(kv.indexOf('=') + 1)));
      }
    }
    List<LabeledText> fit = new ArrayList<>();
    List<Row> holdout = new ArrayList<>();
    for (Row r : rows) {
      if (TrainingRecipe.heldOut(r)) {
        holdout.add(r);
      } else if (weight.getOrDefault(r.dataset() + ":" + r.commonLabel(), 1) > 0) { // 0: left out of training
        fit.addAll(
            STRIP || NEGATION ? List.of(sample(r)) : TrainingRecipe.samples(r, catalogue)); // the recipe's word copies
        fit.addAll(Collections.nCopies(weight.getOrDefault(r.dataset() + ":" + r.commonLabel(), 1) - 1, sample(r)));
      }
    }
    TrainingOptions d = TrainingOptions.defaults();
    TrainingOptions o = new TrainingOptions("variant",
        Integer.parseInt(System.getenv().getOrDefault("ITER", "" + d.iterations())),
        Integer.parseInt(System.getenv().getOrDefault("CUTOFF", "" + DefaultModelBuilder.CUTOFF)),
        Double.parseDouble(System.getenv().getOrDefault("L2", "0")), 0, d.targetPrecision(), 0.5);
    ModelData model;
    List<Double> heldScores = new ArrayList<>();
    if (System.getenv("MODEL") != null) { // a model trained before (SAVE): score only
      model = ModelData.read(Files.readAllBytes(Path.of(System.getenv("MODEL"))));
      Engine e = new Engine(model);
      for (Row r : holdout) {
        heldScores.add(e.categorize(ExtractedContent.ofText(sample(r).text())).score());
      }
    } else {
      Trainer.Result res = Trainer.trainWithHoldout(fit, holdout.stream().map(Variants::sample).toList(),
          o, catalogue, DefaultModelBuilder.HOLDOUT_MAX_BENIGN_FPR);
      model = res.model();
      res.crossValidated().forEach(p -> heldScores.add(p.score()));
    }
    if (System.getenv("SAVE") != null) {
      Files.write(Path.of(System.getenv("SAVE")), model.bytes());
    }
    double threshold = model.threshold();
    List<Scored> held = new ArrayList<>();
    for (int i = 0; i < holdout.size(); i++) {
      held.add(new Scored(holdout.get(i).dataset(), kind(holdout.get(i)), heldScores.get(i)));
    }
    Engine engine = new Engine(model);
    Set<String> shipped = new TreeSet<>(TrainingRecipe.SHIPPED.keySet());
    List<Scored> unseen = new ArrayList<>();
    try (var files = Files.list(training)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        String name = f.getFileName().toString().replace(".tsv", "");
        if (shipped.contains(name) || name.startsWith("ru_") || name.startsWith("islamism_")) {
          continue; // trained on, or not English
        }
        List<Row> all = TrainingRecipe.readDataset(f);
        Map<String, Integer> caps = new TreeMap<>();
        all.forEach(r -> caps.put(r.commonLabel(), 1000));
        for (Row r : TrainingRecipe.sample(all, caps)) {
          double s = engine.categorize(ExtractedContent.ofText(sample(r).text())).score();
          unseen.add(new Scored(r.dataset(), kind(r), s));
        }
      }
    }
    System.out.printf(Locale.ROOT, "variant %s%s, weights %s: threshold %.2f%n", model.properties().get("training.params"),
        NEGATION ? ", negation marking" : "", weight, threshold);
    report("hold-out", held, threshold);
    report("research-only", unseen, threshold);
    if (System.getenv("DUMP") != null) {
      List<String> lines = new ArrayList<>();
      held.forEach(s -> lines.add("holdout\t" + s.dataset() + "\t" + s.label() + "\t" + s.score()));
      unseen.forEach(s -> lines.add("unseen\t" + s.dataset() + "\t" + s.label() + "\t" + s.score()));
      Files.write(Path.of(System.getenv("DUMP")), lines);
    }
  }

  static LabeledText sample(Row r) {
    String text = r.sample().text();
    if (STRIP) {
      text = strip(text);
    }
    return new LabeledText(r.sample().label(), NEGATION ? negate(text) : text);
  }

  static final boolean STRIP = "1".equals(System.getenv("STRIP"));
  /** Twitter and scrape artefacts (retweet marks, mentions, links, HTML entities) removed. */
  static String strip(String text) {
    return TrainingRecipe.withoutPlatformArtefacts(text);
  }

  /** Crude negation scope: words after a negator up to the next punctuation get a "non" prefix. */
  static String negate(String text) {
    StringBuilder out = new StringBuilder();
    boolean scope = false;
    for (String w : text.split(" ")) {
      String bare = w.replaceAll("[.,;:!?]+$", "");
      boolean ends = !bare.equals(w);
      out.append(scope && !bare.isEmpty() ? "non" + w : w).append(' ');
      scope = ends ? false : scope || NEGATOR.matcher(bare).matches();
    }
    return out.toString().trim();
  }

  static String kind(Row r) {
    return Set.of("davidson:offensive_language", "ghc:vo").contains(r.sourceLabel()) ? "offensive" : r.commonLabel();
  }

  static void report(String name, List<Scored> scored, double threshold) {
    double[] pos = scored.stream().filter(s -> s.label().equals("extremist")).mapToDouble(Scored::score).sorted().toArray();
    double[] neg = scored.stream().filter(s -> !s.label().equals("extremist") && !s.label().equals("offensive"))
        .mapToDouble(Scored::score).sorted().toArray();
    double auc = 0;
    for (double p : pos) {
      int lo = lower(neg, p), hi = upper(neg, p);
      auc += lo + (hi - lo) / 2.0;
    }
    auc /= (double) pos.length * neg.length;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: ROC-AUC %.3f", name, auc));
    for (double fpr : new double[] {0.01, 0.02, 0.05}) {
      double t = neg[neg.length - 1 - (int) (fpr * neg.length)];
      sb.append(String.format(Locale.ROOT, ", recall at %.0f %% benign flagged %.3f", fpr * 100,
          (double) (pos.length - upper(pos, t)) / pos.length));
    }
    System.out.println(sb);
    Map<String, double[]> by = new TreeMap<>();
    for (Scored s : scored) {
      double[] c = by.computeIfAbsent(s.dataset() + " " + s.label(), k -> new double[2]);
      c[0]++;
      c[1] += s.score() >= threshold ? 1 : 0;
    }
    by.forEach((k, c) -> System.out.printf(Locale.ROOT, "  %-52s %5.0f %6.3f%n", k, c[0], c[1] / c[0]));
  }

  static int lower(double[] sorted, double x) {
    int i = Arrays.binarySearch(sorted, x);
    if (i < 0) return -i - 1;
    while (i > 0 && sorted[i - 1] == x) i--;
    return i;
  }

  static int upper(double[] sorted, double x) {
    int i = Arrays.binarySearch(sorted, x);
    if (i < 0) return -i - 1;
    while (i < sorted.length && sorted[i] == x) i++;
    return i;
  }
}
