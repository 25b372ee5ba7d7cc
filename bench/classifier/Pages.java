import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.Classification;

/**
 * Pages, not only texts, on real pages: the human-checked article bodies of the shared
 * extraction-dev news pages (outside the repository), each classified as it is and with one real
 * extremist paragraph inserted at a random position. Extremist paragraphs are dataset rows of at
 * least 12 words that the default model flags on their own, so the run measures dilution, not
 * recall. Prints: pages flagged without the paragraph, pages flagged with it, and how often the
 * evidence shown comes from it. Usage:
 * java -cp CP Pages.java GROUND_TRUTH_JSON TRAINING_DIR STORMFRONT_TSV [SEED]
 */
public class Pages {
  @SuppressWarnings("unchecked")
  public static void main(String[] a) throws Exception {
    Map<String, Map<String, Object>> truth =
        (Map<String, Map<String, Object>>)
            new Load(LoadSettings.builder().setCodePointLimit(64 << 20).build())
                .loadFromString(Files.readString(Path.of(a[0])));
    Random random = new Random(a.length > 3 ? Long.parseLong(a[3]) : 7);
    ExtremismCategorizer c = ExtremismCategorizer.loadDefault();
    List<String> extremist = new ArrayList<>();
    List<Row> rows = new ArrayList<>(TrainingRecipe.readStormfront(Path.of(a[2])));
    for (String d : List.of("gab_hate_corpus", "fifthtribe_disjoint_accounts", "farright_telegram_activeclubs")) {
      rows.addAll(TrainingRecipe.readDataset(Path.of(a[1]).resolve(d + ".tsv")));
    }
    int tried = 0;
    for (Row r : rows) {
      String t = r.sample().text();
      if (r.commonLabel().equals("extremist") && t.split("\\s+").length >= 12 && random.nextInt(20) == 0) {
        tried++;
        if (c.categorize(t).flagged()) {
          extremist.add(t);
        }
      }
    }
    int pages = 0, plainFlagged = 0, withFlagged = 0, evidence = 0, paragraphs = 0;
    for (Map<String, Object> page : truth.values()) {
      List<String> paras = new ArrayList<>(List.of(String.valueOf(page.get("articleBody")).split("\n+")));
      paras.removeIf(String::isBlank);
      pages++;
      paragraphs += paras.size();
      if (c.categorize(String.join("\n\n", paras)).flagged()) {
        plainFlagged++;
      }
      String e = extremist.get(random.nextInt(extremist.size()));
      paras.add(random.nextInt(paras.size() + 1), e);
      Classification r = c.categorize(String.join("\n\n", paras));
      if (r.flagged()) {
        withFlagged++;
        evidence += !r.topEvidence().isEmpty() && e.contains(r.topEvidence()) ? 1 : 0;
      }
    }
    System.out.printf(Locale.ROOT, "model %s; extremist paragraphs flagged alone: %d of %d sampled%n",
        c.modelVersion(), extremist.size(), tried);
    System.out.printf(Locale.ROOT, "%d real news pages (%.1f paragraphs each): flagged as they are %d (%.1f%%)%n",
        pages, (double) paragraphs / pages, plainFlagged, 100.0 * plainFlagged / pages);
    System.out.printf(Locale.ROOT, "with one extremist paragraph inserted: flagged %d (%.1f%%), evidence from it %d%n",
        withFlagged, 100.0 * withFlagged / pages, evidence);
  }
}
