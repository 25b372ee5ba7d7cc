import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.classifier.TrainingOptions;
import org.vigil.classifier.internal.DefaultModelBuilder;
import org.vigil.classifier.internal.Engine;
import org.vigil.classifier.internal.IndicatorCatalogue;
import org.vigil.classifier.internal.Prediction;
import org.vigil.classifier.internal.Reports;
import org.vigil.classifier.internal.Trainer;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.Categories;
import org.vigil.model.ExtractedContent;
import org.vigil.model.LabeledText;
import org.vigil.semantic.internal.EmbeddingStage;
import org.vigil.semantic.internal.Embedder;
import org.vigil.semantic.internal.Head;
import org.vigil.semantic.internal.HeadTrainer;

/**
 * bench/classifier/Accounts.java with the semantic stage: recall on ISIS-supporter accounts never
 * trained on (four folds of the 36 accounts), the model alone at its fold threshold against the
 * cascade (a head fitted on the fold's training rows, threshold by the stage's rule — 2 % per benign
 * category of the hold-out — with the stage in the loop). Row embeddings come from semantic.sh's
 * EMBED=e5 cache (OUT/embeddings.bin), the hold-out's and the tweets' are computed live.
 * Usage: java -cp $(semantic/classpath.sh) semantic/Accounts.java TRAINING_DIR STORMFRONT_TSV CORPUS_DIR EMBEDDINGS_BIN
 */
public class Accounts {
  static final String SUPPORTERS = "fifthtribe_disjoint_accounts";
  static final int FOLDS = 4;

  public static void main(String[] a) throws Exception {
    List<Row> rows = TrainingRecipe.shipped(Path.of(a[0]), Path.of(a[1]), Path.of(a[2]));
    Map<String, float[]> cache = read(Path.of(a[3]));
    IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
    TrainingOptions o = TrainingOptions.defaults().withName("accounts").withCutoff(DefaultModelBuilder.CUTOFF);
    int tweets = 0, alone = 0, cascade = 0;
    for (int f = 0; f < FOLDS; f++) {
      List<LabeledText> fit = new ArrayList<>();
      List<LabeledText> holdout = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      List<Row> test = new ArrayList<>();
      for (Row r : rows) {
        if (r.dataset().equals(SUPPORTERS) && fold(r) == f) {
          test.add(r);
        } else if (TrainingRecipe.heldOut(r)) {
          holdout.add(r.sample());
        } else {
          fit.addAll(TrainingRecipe.samples(r, catalogue));
          vectors.add(cache.get(r.dataset() + "\t" + r.id()));
          labels.add(Categories.isExtremist(r.sample().label()));
        }
      }
      Trainer.Result res = Trainer.trainWithHoldout(fit, holdout, o, catalogue, DefaultModelBuilder.HOLDOUT_MAX_BENIGN_FPR);
      Head head = new Head(Embedder.NAME, "fold", 0.30, 0.5, HeadTrainer.fit(vectors, labels));
      Engine withStage = new Engine(res.model(), 0.5, "fold", new EmbeddingStage(head));
      List<Prediction> predictions = new ArrayList<>();
      for (LabeledText s : holdout) {
        predictions.add(Trainer.predict(withStage, s));
      }
      double t = Reports.chooseThreshold(predictions, o.targetPrecision(), Trainer.THRESHOLD_FLOOR, 0.02);
      Engine maxent = new Engine(res.model());
      int n = 0, m = 0;
      for (Row r : test) {
        n += maxent.categorize(ExtractedContent.ofText(r.sample().text())).flagged() ? 1 : 0;
        m += withStage.categorize(ExtractedContent.ofText(r.sample().text())).score() >= t ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "fold %d: %d tweets; model alone %.3f (threshold %.2f), with the stage %.3f (threshold %.2f)%n",
          f, test.size(), n / (double) test.size(), res.model().threshold(), m / (double) test.size(), t);
      tweets += test.size();
      alone += n;
      cascade += m;
    }
    System.out.printf(Locale.ROOT, "all folds: %d tweets; model alone %.3f, with the stage %.3f%n",
        tweets, alone / (double) tweets, cascade / (double) tweets);
  }

  static Map<String, float[]> read(Path file) throws Exception {
    Map<String, float[]> out = new HashMap<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        String key;
        try {
          key = in.readUTF() + "\t" + in.readUTF();
        } catch (EOFException end) {
          return out;
        }
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
        }
        out.put(key, v);
      }
    }
  }

  static String account(Row r) {
    return r.id().substring(r.id().indexOf('-', r.id().indexOf('-') + 1) + 1);
  }

  static int fold(Row r) {
    return Math.floorMod(account(r).toLowerCase(Locale.ROOT).hashCode(), FOLDS);
  }
}
