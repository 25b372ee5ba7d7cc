package org.vigil.classifier.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.model.Categories;
import org.vigil.model.LabeledText;

/**
 * What the default model is trained on: real public datasets (the {@code label source id text}
 * files of the project's shared {@code datasets/training} folder, whose licences allow an openly
 * distributed model), the Stormfront dev set, and the project's own corpus. Which files, how many
 * rows of each label, the label mapping and the threshold hold-out are fixed here so that the same
 * files give the same model bytes (docs/model-card.md). The datasets' text never enters the
 * repository; only this recipe and the trained model do.
 */
public final class TrainingRecipe {
  /** The dataset name of the project's own corpus ({@code classifier/src/main/corpus}). */
  public static final String CORPUS = "vigil-corpus";

  /** The Stormfront dev set's dataset name (file {@code stormfront-dev.tsv}). */
  public static final String STORMFRONT = "stormfront-dev";

  /** One row: its dataset (file name without {@code .tsv}), the dataset's own label, its id. */
  public record Row(
      String dataset, String sourceLabel, String commonLabel, String id, LabeledText sample) {}

  /**
   * The datasets the shipped model is trained on, with the most rows taken of each common label
   * (absent: all). Caps keep one large source from deciding what "hate" or "ordinary" looks like.
   */
  public static final Map<String, Map<String, Integer>> SHIPPED =
      Map.of(
          "farright_telegram_activeclubs", Map.of("extremist", 3000),
          "implicit_hate_corpus", Map.of("extremist", 4000, "benign_other", 4000),
          "davidson2017", Map.of("benign_other", 3000),
          "hatecheck", Map.of(),
          "toxigen_seeds", Map.of(),
          "hickey2025_reddit_counterspeech", Map.of(),
          "web_bible", Map.of("benign_religious", 3000),
          "fifthtribe_disjoint_accounts", Map.of());

  /**
   * Datasets whose rows are trained on more than once when their text fires a catalogue indicator:
   * once as they are and this many times more with platform artefacts removed ({@link
   * #withoutPlatformArtefacts}). The 914 supporter tweets are the only real jihadist text the
   * recipe may ship, labelled by account: many are retweeted battle news, prayers or greetings.
   * Copies of all of them taught war news as extremist (real news pages flagged 1 → 5 %); copies of
   * those whose words carry the supporters' stance (their name for the group, sectarian slurs,
   * martyrdom) teach the stance (docs/model-card.md, "Recipe variants tried").
   */
  public static final Map<String, Integer> WORD_COPIES = Map.of("fifthtribe_disjoint_accounts", 2);

  private static final Pattern PLATFORM_ARTEFACT =
      Pattern.compile("(?i)\\bRT\\b:?|@\\w+:?|https?:?/?/?\\S*|www\\.\\S+|&#?\\w+;|\\S+\\u2026");

  /** Share of rows (by id hash, per dataset) held out to choose the flag threshold. */
  public static final int HOLDOUT_PERCENT = 20;

  private TrainingRecipe() {}

  /** The model category of a common label ({@code extremist} rows become propaganda). */
  public static String category(String commonLabel) {
    return switch (commonLabel) {
      case "extremist" -> Categories.PROPAGANDA;
      case "benign_counter" -> Categories.COUNTER;
      case "benign_news" -> Categories.REPORTING;
      case "benign_religious" -> Categories.RELIGIOUS;
      case "benign_other" -> Categories.OTHER;
      default -> throw new IllegalArgumentException("unknown common label '" + commonLabel + "'");
    };
  }

  /** Every row of one shared dataset file ({@code label source id text}). */
  public static List<Row> readDataset(Path file) {
    String dataset = file.getFileName().toString().replaceFirst("\\.tsv$", "");
    try (Stream<List<String>> rows =
        LabeledTextReader.readColumns(file, List.of("label", "source", "id", "text"))) {
      return rows.filter(r -> !r.get(3).isBlank())
          .map(
              r ->
                  new Row(
                      dataset,
                      r.get(1),
                      r.get(0),
                      r.get(2),
                      new LabeledText(category(r.get(0)), r.get(3))))
          .toList();
    }
  }

  /** The Stormfront dev set ({@code label id text}; hate is propaganda, noHate other). */
  public static List<Row> readStormfront(Path file) {
    try (Stream<List<String>> rows =
        LabeledTextReader.readColumns(file, List.of("label", "id", "text"))) {
      return rows.filter(r -> !r.get(2).isBlank())
          .map(
              r -> {
                String common = r.get(0).equals("hate") ? "extremist" : "benign_other";
                return new Row(
                    STORMFRONT,
                    "stormfront:" + r.get(0),
                    common,
                    r.get(1),
                    new LabeledText(category(common), r.get(2)));
              })
          .toList();
    }
  }

  /** The project's own corpus ({@code label text} files, in name order; or one such file). */
  public static List<Row> readCorpus(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new IOException(dir + ": corpus not found");
    }
    List<Row> out = new ArrayList<>();
    for (Path f : LabeledTextReader.tsvFiles(dir)) {
      String name = f.getFileName().toString();
      try (Stream<LabeledText> rows = LabeledTextReader.readTsv(f)) {
        int[] line = {1};
        rows.forEach(
            t ->
                out.add(
                    new Row(
                        CORPUS,
                        CORPUS + ":" + t.label(),
                        Categories.isExtremist(t.label()) ? "extremist" : "benign_" + t.label(),
                        name + ":" + ++line[0],
                        t)));
      }
    }
    return out;
  }

  /**
   * The rows of one dataset that training uses: per common label, the first {@code cap} rows in
   * order of their id hash (a fixed pseudo-random sample), all when the label has no cap.
   */
  public static List<Row> sample(List<Row> rows, Map<String, Integer> caps) {
    Map<String, List<Row>> byLabel = new HashMap<>();
    rows.forEach(r -> byLabel.computeIfAbsent(r.commonLabel(), k -> new ArrayList<>()).add(r));
    List<Row> out = new ArrayList<>();
    byLabel.keySet().stream()
        .sorted()
        .forEach(
            label -> {
              List<Row> all = byLabel.get(label);
              int cap = caps.getOrDefault(label, all.size());
              if (cap < all.size()) {
                Map<Row, String> hashes = new HashMap<>();
                all.forEach(r -> hashes.put(r, hash(r)));
                all = new ArrayList<>(all);
                all.sort(Comparator.comparing(hashes::get));
                all = all.subList(0, cap);
              }
              out.addAll(all);
            });
    return out;
  }

  /** Every row the shipped model is trained on, datasets in name order. */
  public static List<Row> shipped(Path trainingDir, Path stormfront, Path corpusDir)
      throws IOException {
    return shipped(trainingDir, stormfront, corpusDir, SHIPPED);
  }

  /**
   * The recipe's rows with other caps ({@link #withCaps}): the same datasets, corpus and Stormfront
   * rows, for measuring a variant of the recipe (bench/classifier).
   */
  public static List<Row> shipped(
      Path trainingDir, Path stormfront, Path corpusDir, Map<String, Map<String, Integer>> caps)
      throws IOException {
    List<Row> out = new ArrayList<>(readCorpus(corpusDir));
    for (String dataset : caps.keySet().stream().sorted().toList()) {
      Path file = trainingDir.resolve(dataset + ".tsv");
      if (!Files.isRegularFile(file)) {
        throw new IOException(file + ": dataset of the default model's recipe not found");
      }
      out.addAll(sample(readDataset(file), caps.get(dataset)));
    }
    if (!Files.isRegularFile(stormfront)) {
      throw new IOException(stormfront + ": Stormfront dev set not found");
    }
    out.addAll(readStormfront(stormfront));
    return out;
  }

  /**
   * {@link #SHIPPED} with some caps replaced: {@code dataset:label=rows}, comma-separated ({@code
   * implicit_hate_corpus:extremist=8000}); a blank spec is the recipe itself.
   */
  public static Map<String, Map<String, Integer>> withCaps(String spec) {
    Map<String, Map<String, Integer>> caps = new TreeMap<>();
    SHIPPED.forEach((dataset, labels) -> caps.put(dataset, new TreeMap<>(labels)));
    for (String entry : spec.split(",")) {
      String[] kv = entry.strip().split("[:=]");
      if (kv.length != 3 || !caps.containsKey(kv[0])) {
        if (!entry.isBlank()) {
          throw new IllegalArgumentException("cap spec: not dataset:label=rows: " + entry);
        }
        continue;
      }
      caps.get(kv[0]).put(kv[1], Integer.parseInt(kv[2]));
    }
    return caps;
  }

  /**
   * The training samples of a row: the row itself, and for a dataset of {@link #WORD_COPIES} whose
   * text fires a non-negated indicator of {@code catalogue}, that many copies without platform
   * artefacts.
   */
  public static List<LabeledText> samples(Row row, IndicatorCatalogue catalogue) {
    int copies = WORD_COPIES.getOrDefault(row.dataset(), 0);
    if (copies == 0 || !hasEvidence(row.sample().text(), catalogue)) {
      return List.of(row.sample());
    }
    List<LabeledText> out = new ArrayList<>(copies + 1);
    out.add(row.sample());
    LabeledText words =
        new LabeledText(row.sample().label(), withoutPlatformArtefacts(row.sample().text()));
    for (int i = 0; i < copies; i++) {
      out.add(words);
    }
    return out;
  }

  private static boolean hasEvidence(String text, IndicatorCatalogue catalogue) {
    return catalogue.match(TextAnalyzer.get().analyze(text)).stream()
        .anyMatch(IndicatorCatalogue.Hit::evidence);
  }

  /**
   * A post without retweet marks, mentions, links, HTML entities, clipped words ending in an
   * ellipsis and hash signs (the tag's word stays); the post itself when nothing else is left.
   */
  public static String withoutPlatformArtefacts(String text) {
    String s = PLATFORM_ARTEFACT.matcher(text.replace("&amp;", "&")).replaceAll(" ");
    s = s.replace("#", " ").replaceAll("\\s+", " ").strip();
    return s.isEmpty() ? text : s;
  }

  /** Whether {@code row} is in the threshold hold-out ({@link #HOLDOUT_PERCENT} of each source). */
  public static boolean heldOut(Row row) {
    return Integer.parseInt(hash(row).substring(0, 4), 16) % 100 < HOLDOUT_PERCENT;
  }

  /** SHA-256 of dataset and id: the fixed order of sampling and the hold-out split. */
  static String hash(Row row) {
    return ModelData.sha256((row.dataset() + "\0" + row.id()).getBytes(StandardCharsets.UTF_8));
  }
}
