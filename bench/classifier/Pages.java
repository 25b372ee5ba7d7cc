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
import org.vigil.classifier.SemanticStage;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.Classification;

/**
 * Pages, not only texts, on real pages: the human-checked article bodies of the shared
 * extraction-dev news pages (outside the repository), each classified as it is and with one real
 * extremist paragraph inserted at a random position (five times, each with another paragraph). Extremist paragraphs are dataset rows of at
 * least 12 words that the default model flags on their own, so the run measures dilution, not
 * recall. Prints: pages flagged without the paragraph, pages flagged with it, and how often the
 * evidence shown comes from it. Pages the model does not classify (not English: {@code
 * unsupported_language}, as in a crawl) are counted apart and left out of both rates. Usage:
 * [PAGES_MODEL=model.bin] java -cp CP Pages.java GROUND_TRUTH_JSON TRAINING_DIR STORMFRONT_TSV [SEED]
 * With PAGES_SEMANTIC=1 (and CP from semantic/classpath.sh) the pages are scored with the semantic
 * stage, and the paragraph share counted is the one that reaches it (maxent score at its screen).
 */
public class Pages {
  /** Pages built from each real page: one per inserted paragraph, at its own random position. */
  static final int INSERTIONS = 5;

  /** The screen reported without the semantic stage (the earlier measurement's, model card). */
  static final double SCREEN = 0.40;

  @SuppressWarnings("unchecked")
  public static void main(String[] a) throws Exception {
    Map<String, Map<String, Object>> truth =
        (Map<String, Map<String, Object>>)
            new Load(LoadSettings.builder().setCodePointLimit(64 << 20).build())
                .loadFromString(Files.readString(Path.of(a[0])));
    Random random = new Random(a.length > 3 ? Long.parseLong(a[3]) : 7);
    String modelFile = System.getenv("PAGES_MODEL"); // another model file instead of the default
    ExtremismCategorizer maxentOnly =
        modelFile == null || modelFile.isBlank()
            ? ExtremismCategorizer.loadDefault()
            : ExtremismCategorizer.load(Path.of(modelFile));
    ExtremismCategorizer c = maxentOnly;
    double screen = SCREEN;
    if ("1".equals(System.getenv("PAGES_SEMANTIC"))) { // by reflection: compiles without the module
      SemanticStage stage =
          (SemanticStage) Class.forName("org.vigil.semantic.SemanticStages").getMethod("loadDefault").invoke(null);
      c = maxentOnly.withSemanticStage(stage);
      screen = stage.screen();
    }
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
    int pages = 0, plainFlagged = 0, withFlagged = 0, evidence = 0, paragraphs = 0, unsupported = 0, screened = 0;
    for (Map<String, Object> page : truth.values()) {
      List<String> paras = new ArrayList<>(List.of(String.valueOf(page.get("articleBody")).split("\n+")));
      paras.removeIf(String::isBlank);
      Classification plain = c.categorize(String.join("\n\n", paras));
      if (!plain.language().equals("en")) {
        unsupported++;
        continue;
      }
      pages++;
      paragraphs += paras.size();
      for (String paragraph : paras) {
        screened += maxentOnly.categorize(paragraph).score() >= screen ? 1 : 0;
      }
      if (plain.flagged()) {
        plainFlagged++;
      }
      for (int k = 0; k < INSERTIONS; k++) {
        String e = extremist.get(random.nextInt(extremist.size()));
        List<String> with = new ArrayList<>(paras);
        with.add(random.nextInt(with.size() + 1), e);
        Classification r = c.categorize(String.join("\n\n", with));
        if (r.flagged()) {
          withFlagged++;
          evidence += fromParagraph(r.topEvidence(), e) ? 1 : 0;
        }
      }
    }
    int trials = pages * INSERTIONS;
    System.out.printf(Locale.ROOT, "model %s; extremist paragraphs flagged alone: %d of %d sampled%n",
        c.modelVersion(), extremist.size(), tried);
    System.out.printf(Locale.ROOT, "%d pages not in English (unsupported_language, left out)%n", unsupported);
    System.out.printf(Locale.ROOT, "%d real English news pages (%.1f paragraphs each): flagged as they are %d (%.1f%%)%n",
        pages, (double) paragraphs / pages, plainFlagged, 100.0 * plainFlagged / pages);
    System.out.printf(Locale.ROOT, "their paragraphs a semantic screen at %.2f would embed: %d of %d (%.1f%%)%n",
        screen, screened, paragraphs, 100.0 * screened / paragraphs);
    System.out.printf(Locale.ROOT,
        "with one extremist paragraph inserted (%d per page, %d pages): flagged %d (%.1f%%), evidence from it %d%n",
        INSERTIONS, trials, withFlagged, 100.0 * withFlagged / trials, evidence);
  }

  /** Whether evidence text (a sentence, whitespace normalised, clipped with an ellipsis) is from the paragraph. */
  static boolean fromParagraph(String evidence, String paragraph) {
    String ev = evidence.replace("\u2026", "").replaceAll("\\s+", " ").strip();
    String head = ev.substring(0, Math.min(40, ev.length()));
    return !head.isEmpty() && paragraph.replaceAll("\\s+", " ").contains(head);
  }
}
