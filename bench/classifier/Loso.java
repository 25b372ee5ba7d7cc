import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vigil.classifier.TrainingOptions;
import org.vigil.classifier.internal.DefaultModelBuilder;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.IndicatorCatalogue;
import org.vigil.classifier.internal.Trainer;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.Classification;
import org.vigil.model.ExtractedContent;
import org.vigil.model.LabeledText;

/**
 * Leave-one-source-out evaluation of the default model's recipe (TrainingRecipe): for each dataset
 * the shipped model trains on, and the Stormfront dev set, train on all the other training data
 * (threshold from the recipe's hold-out of that training data only) and predict the held-out
 * dataset; datasets never trained on (research-only licences) are predicted by one model trained on
 * everything. Writes one prediction per row to OUT (dataset, source label, common label, score,
 * flagged) and prints the per-source table. Usage:
 * java -cp CP Loso.java TRAINING_DIR STORMFRONT_TSV CORPUS_DIR OUT.tsv [MAX_BENIGN_FPR] [EVAL_CAP]
 */
public class Loso {
  static IndicatorCatalogue catalogue; // the default catalogue, loaded in main

  static final Set<String> OFFENSIVE = Set.of("davidson:offensive_language", "ghc:vo");

  record Out(String fold, String role, Row row, double score, boolean flagged, String category) {}

  /**
   * Training rows left out per fold, from $EXCLUDE (a file of `fold<TAB>dataset<TAB>id` lines; fold
   * `*` for every fold): a row-cleaning rule measured leave-one-source-out must be decided without
   * the held-out source.
   */
  static final Map<String, Set<String>> EXCLUDED = excluded(System.getenv("EXCLUDE"));

  static Map<String, Set<String>> excluded(String file) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    if (file == null || file.isBlank()) {
      return out;
    }
    try {
      for (String l : Files.readAllLines(Path.of(file))) {
        String[] f = l.split("\t", 2);
        out.computeIfAbsent(f[0], k -> new java.util.HashSet<>()).add(f[1]);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  static boolean excluded(String held, Row r) {
    String key = r.dataset() + "\t" + r.id();
    return EXCLUDED.getOrDefault(held, Set.of()).contains(key) || EXCLUDED.getOrDefault("*", Set.of()).contains(key);
  }

  public static void main(String[] args) throws Exception {
    catalogue = IndicatorCatalogue.loadDefault();
    Path training = Path.of(args[0]);
    Path stormfront = Path.of(args[1]);
    Path corpus = Path.of(args[2]);
    Path out = Path.of(args[3]);
    double maxFpr = args.length > 4 ? Double.parseDouble(args[4]) : 0.02;
    int evalCap = args.length > 5 ? Integer.parseInt(args[5]) : 3000;
    List<Row> pool = TrainingRecipe.shipped(training, stormfront, corpus,
        TrainingRecipe.withCaps(System.getenv().getOrDefault("CAPS", "")));
    Map<String, List<Row>> evalRows = new TreeMap<>();
    try (var files = Files.list(training)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        List<Row> rows = TrainingRecipe.readDataset(f);
        evalRows.put(rows.get(0).dataset(), capped(rows, evalCap));
      }
    }
    evalRows.put(TrainingRecipe.STORMFRONT, TrainingRecipe.readStormfront(stormfront));
    String fixed = System.getenv("LOSO_MODEL"); // a model file: predict every dataset with it, no training
    if (fixed != null && !fixed.isBlank()) {
      Engine engine = new Engine(org.vigil.classifier.internal.ModelData.read(Files.readAllBytes(Path.of(fixed))));
      List<Out> outs = new ArrayList<>();
      evalRows.values().forEach(rows -> rows.forEach(r -> {
        Classification c = engine.categorize(ExtractedContent.ofText(r.sample().text()));
        outs.add(new Out("(model)", "test", r, c.score(), c.flagged(), c.category()));
      }));
      System.out.println("model " + engine.model().version() + ", threshold " + engine.model().threshold());
      table(outs);
      return;
    }
    Set<String> trained = new TreeSet<>(TrainingRecipe.SHIPPED.keySet());
    trained.add(TrainingRecipe.STORMFRONT);
    List<String> folds = new ArrayList<>(trained);
    folds.add("(none)");
    String only = System.getenv("LOSO_FOLDS"); // e.g. "(none),stormfront-dev": run only these
    if (only != null && !only.isBlank()) {
      folds.retainAll(List.of(only.split(",")));
    }
    ExecutorService pool2 = Executors.newFixedThreadPool(2);
    List<Future<List<Out>>> futures = new ArrayList<>();
    for (String held : folds) {
      List<Row> test = new ArrayList<>();
      if (held.equals("(none)")) {
        evalRows.forEach((d, rows) -> { if (!trained.contains(d)) test.addAll(rows); });
      } else {
        test.addAll(evalRows.get(held));
      }
      futures.add(pool2.submit(() -> fold(pool, held, test, maxFpr)));
    }
    List<Out> all = new ArrayList<>();
    for (Future<List<Out>> f : futures) {
      all.addAll(f.get());
    }
    pool2.shutdown();
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      w.println("fold\trole\tdataset\tid\tsource\tlabel\tscore\tflagged\tcategory");
      for (Out o : all) {
        w.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%s\t%s\t%.4f\t%b\t%s%n", o.fold(), o.role(), o.row().dataset(),
            o.row().id(), o.row().sourceLabel(), kind(o.row()), o.score(), o.flagged(), o.category());
      }
    }
    table(all.stream().filter(o -> o.role().equals("test")).toList());
  }

  static List<Row> capped(List<Row> rows, int cap) {
    Map<String, Integer> caps = new TreeMap<>();
    rows.forEach(r -> caps.put(r.commonLabel(), cap));
    return TrainingRecipe.sample(rows, caps);
  }

  static String kind(Row r) {
    return OFFENSIVE.contains(r.sourceLabel()) ? "offensive" : r.commonLabel();
  }

  static List<Out> fold(List<Row> pool, String held, List<Row> test, double maxFpr) throws Exception {
    long t0 = System.nanoTime();
    List<LabeledText> fit = new ArrayList<>();
    List<LabeledText> holdout = new ArrayList<>();
    List<Row> holdoutRows = new ArrayList<>();
    for (Row r : pool) {
      if (!r.dataset().equals(held) && !excluded(held, r)) {
        if (TrainingRecipe.heldOut(r)) {
          holdout.add(r.sample());
          holdoutRows.add(r);
        } else {
          fit.addAll(TrainingRecipe.samples(r, catalogue));
        }
      }
    }
    TrainingOptions d = TrainingOptions.defaults();
    TrainingOptions o = new TrainingOptions("loso",
        Integer.parseInt(System.getenv().getOrDefault("LOSO_ITER", "" + d.iterations())),
        Integer.parseInt(System.getenv().getOrDefault("LOSO_CUTOFF", "" + DefaultModelBuilder.CUTOFF)),
        Double.parseDouble(System.getenv().getOrDefault("LOSO_L2", "" + d.l2Cost())),
        0, d.targetPrecision(), 0.5);
    Trainer.Result res = Trainer.trainWithHoldout(fit, holdout, o, catalogue, maxFpr);
    Engine engine = new Engine(res.model());
    List<Out> outs = new ArrayList<>();
    for (Row r : test) {
      Classification c = engine.categorize(ExtractedContent.ofText(r.sample().text()));
      outs.add(new Out(held, "test", r, c.score(), c.flagged(), c.category()));
    }
    for (int i = 0; i < holdoutRows.size(); i++) {
      var p = res.crossValidated().get(i);
      outs.add(new Out(held, "holdout", holdoutRows.get(i), p.score(),
          p.flagged(res.model().threshold()), p.special() == null ? "" : p.special()));
    }
    System.err.printf(Locale.ROOT, "fold %s: trained on %d (+%d hold-out), threshold %.2f, predicted %d, %.0f s%n",
        held, fit.size(), holdout.size(), res.model().threshold(), test.size(), (System.nanoTime() - t0) / 1e9);
    return outs;
  }

  static void table(List<Out> all) {
    Map<String, Map<String, int[]>> by = new TreeMap<>();
    int[] pooled = new int[4]; // tp fp fn tn (flag vs extremist), offensive excluded
    for (Out o : all) {
      String k = kind(o.row());
      int[] c = by.computeIfAbsent(o.row().dataset(), x -> new TreeMap<>()).computeIfAbsent(k, x -> new int[2]);
      c[0]++;
      c[1] += o.flagged() ? 1 : 0;
      if (k.equals("offensive") || o.row().dataset().equals("islamism_syria_ar") || o.row().dataset().equals("ru_sensitive_topics")) {
        continue;
      }
      boolean pos = k.equals("extremist");
      pooled[pos ? (o.flagged() ? 0 : 2) : (o.flagged() ? 1 : 3)]++;
    }
    System.out.println("| dataset | kind | rows | flagged | rate |");
    System.out.println("|---|---|---|---|---|");
    by.forEach((d, m) -> m.forEach((k, c) -> System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.3f |%n",
        d, k.equals("extremist") ? "extremist (recall)" : k + " (FPR)", c[0], c[1], (double) c[1] / c[0])));
    double f1pos = 2.0 * pooled[0] / (2 * pooled[0] + pooled[1] + pooled[2]);
    double f1neg = 2.0 * pooled[3] / (2 * pooled[3] + pooled[2] + pooled[1]);
    System.out.printf(Locale.ROOT, "pooled: tp %d fp %d fn %d tn %d; F1 extremist %.3f, F1 benign %.3f, macro-F1 %.3f%n",
        pooled[0], pooled[1], pooled[2], pooled[3], f1pos, f1neg, (f1pos + f1neg) / 2);
  }
}
