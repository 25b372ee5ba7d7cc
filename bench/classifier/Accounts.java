import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.classifier.TrainingOptions;
import org.vigil.classifier.internal.DefaultModelBuilder;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.IndicatorCatalogue;
import org.vigil.classifier.internal.Trainer;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.ExtractedContent;
import org.vigil.model.LabeledText;

/**
 * Recall on supporter accounts the model never saw: the ISIS-supporter tweets are labelled by
 * account, and the recipe's hold-out splits rows, so the same accounts are on both sides of it and
 * its supporter recall is optimistic. Here the 36 accounts fall into four folds (by a hash of the
 * account name); each fold's model is trained on the recipe without that fold's accounts
 * (threshold from the recipe's rule on its hold-out) and predicts every tweet of them. Prints recall
 * per fold at fixed scores and at the fold's threshold (~1.5 min on the 2-core VM). Usage:
 * [DUMP=FILE: one line per tweet, id, score, fold threshold, category] java -cp CP Accounts.java TRAINING_DIR STORMFRONT_TSV CORPUS_DIR
 */
public class Accounts {
  static final String SUPPORTERS = "fifthtribe_disjoint_accounts";
  static final int FOLDS = 4;
  static final double[] SCORES = {0.50, 0.55, 0.60};

  public static void main(String[] a) throws Exception {
    List<Row> rows = TrainingRecipe.shipped(Path.of(a[0]), Path.of(a[1]), Path.of(a[2]));
    IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
    TrainingOptions o = TrainingOptions.defaults().withName("accounts").withCutoff(DefaultModelBuilder.CUTOFF);
    int[] total = new int[SCORES.length + 1];
    int tweets = 0;
    List<String> dump = new ArrayList<>();
    for (int f = 0; f < FOLDS; f++) {
      List<LabeledText> fit = new ArrayList<>();
      List<LabeledText> holdout = new ArrayList<>();
      List<Row> test = new ArrayList<>();
      for (Row r : rows) {
        if (r.dataset().equals(SUPPORTERS) && fold(r) == f) {
          test.add(r);
        } else if (TrainingRecipe.heldOut(r)) {
          holdout.add(r.sample());
        } else {
          fit.addAll(TrainingRecipe.samples(r, catalogue));
        }
      }
      Trainer.Result res = Trainer.trainWithHoldout(fit, holdout, o, catalogue, DefaultModelBuilder.HOLDOUT_MAX_BENIGN_FPR);
      Engine engine = new Engine(res.model());
      double threshold = res.model().threshold();
      int[] hits = new int[SCORES.length + 1];
      Set<String> accounts = new TreeSet<>();
      for (Row r : test) {
        accounts.add(account(r));
        var c = engine.categorize(ExtractedContent.ofText(r.sample().text()));
        double s = c.score();
        dump.add(String.format(Locale.ROOT, "%s\t%.4f\t%.2f\t%s", r.id(), s, threshold, c.category()));
        for (int i = 0; i < SCORES.length; i++) {
          hits[i] += s >= SCORES[i] ? 1 : 0;
        }
        hits[SCORES.length] += s >= threshold ? 1 : 0;
      }
      print("fold " + f + " (" + accounts.size() + " accounts, threshold " + String.format(Locale.ROOT, "%.2f", threshold) + ")", hits, test.size());
      for (int i = 0; i < hits.length; i++) {
        total[i] += hits[i];
      }
      tweets += test.size();
    }
    print("all folds", total, tweets);
    if (System.getenv("DUMP") != null) {
      java.nio.file.Files.write(Path.of(System.getenv("DUMP")), dump);
    }
  }

  static void print(String name, int[] hits, int n) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-36s %4d tweets, recall", name, n));
    for (int i = 0; i < SCORES.length; i++) {
      sb.append(String.format(Locale.ROOT, " @%.2f %.3f", SCORES[i], hits[i] / (double) n));
    }
    System.out.println(sb.append(String.format(Locale.ROOT, " @threshold %.3f", hits[SCORES.length] / (double) n)));
  }

  /** The account a tweet's id ends with ({@code fifthtribe-row00032-AccountName}). */
  static String account(Row r) {
    return r.id().substring(r.id().indexOf('-', r.id().indexOf('-') + 1) + 1);
  }

  static int fold(Row r) {
    return Math.floorMod(account(r).toLowerCase(Locale.ROOT).hashCode(), FOLDS);
  }
}
