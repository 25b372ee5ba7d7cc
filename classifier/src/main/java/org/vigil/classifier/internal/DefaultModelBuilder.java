package org.vigil.classifier.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.TrainingOptions;
import org.vigil.model.LabeledText;

/**
 * Builds the default model at build time (exec-maven-plugin, phase process-classes) from {@code
 * classifier/src/main/corpus/*.tsv}: files in name order, rows sorted, fixed training parameters,
 * no timestamps in the model, so the same corpus gives a byte-identical model. Also writes a model
 * card with the corpus hash, the cross-validated metrics and the chosen threshold.
 *
 * <p>Arguments: {@code corpusDir modelOut cardOut}.
 */
public final class DefaultModelBuilder {
  /** The name of the default model (its version is {@code vigil-default-<hash>}). */
  public static final String NAME = "vigil-default";

  private DefaultModelBuilder() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: DefaultModelBuilder corpusDir modelOut cardOut");
    }
    Path corpus = Path.of(args[0]);
    List<Path> files = corpusFiles(corpus);
    if (files.isEmpty()) {
      System.out.println("[vigil] no corpus in " + corpus + ": default model not built");
      return;
    }
    Path out = Path.of(args[1]);
    Path stamp = Path.of(args[1] + ".inputs");
    String inputs = inputsHash(files);
    if (Files.exists(out)
        && Files.exists(stamp)
        && Files.readString(stamp).strip().equals(inputs)) {
      System.out.println("[vigil] default model up to date (same corpus, catalogue and code)");
      return;
    }
    long start = System.nanoTime();
    List<LabeledText> samples = new ArrayList<>();
    for (Path f : files) {
      try (Stream<LabeledText> rows = LabeledTextReader.readTsv(f)) {
        rows.forEach(samples::add);
      }
    }
    TrainingOptions options = TrainingOptions.defaults().withName(NAME);
    Trainer.Result result = Trainer.train(samples, options, IndicatorCatalogue.loadDefault());
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, result.model().bytes());
    Files.writeString(stamp, inputs);
    EvaluationReport cv =
        Reports.compute(result.crossValidated(), result.model().threshold(), result.folds());
    String card = card(result.model(), files, samples, result.crossValidated(), cv, options);
    Path cardOut = Path.of(args[2]);
    Files.createDirectories(cardOut.toAbsolutePath().getParent());
    Files.writeString(cardOut, card, StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "[vigil] default model %s: %d samples, threshold %.2f, CV macro-F1 %.3f, flag P %.3f R %.3f (%.1f s)%n",
        result.model().version(),
        samples.size(),
        result.model().threshold(),
        cv.macroF1(),
        cv.flag().precision(),
        cv.flag().recall(),
        (System.nanoTime() - start) / 1e9);
  }

  static List<Path> corpusFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
    }
  }

  /**
   * A hash of everything the model depends on: corpus, indicator catalogue and the compiled
   * classifier classes (javac output is deterministic), so an unchanged build skips training.
   */
  static String inputsHash(List<Path> corpus) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(corpusHash(corpus).getBytes(StandardCharsets.UTF_8));
    try (var in =
        DefaultModelBuilder.class.getResourceAsStream(IndicatorCatalogue.DEFAULT_RESOURCE)) {
      if (in != null) {
        all.write(in.readAllBytes());
      }
    }
    try {
      Path classes =
          Path.of(
              DefaultModelBuilder.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      if (Files.isDirectory(classes)) {
        try (Stream<Path> s = Files.walk(classes.resolve("org/vigil/classifier"))) {
          for (Path c : s.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
            all.write(Files.readAllBytes(c));
          }
        }
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      all.write(
          Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8)); // unknown: rebuild
    }
    return ModelData.sha256(all.toByteArray());
  }

  /** SHA-256 over the corpus files (name, NUL, bytes, NUL each) in name order. */
  static String corpusHash(List<Path> files) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path f : files) {
      all.write(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      all.write(0);
      all.write(Files.readAllBytes(f));
      all.write(0);
    }
    return ModelData.sha256(all.toByteArray());
  }

  static String card(
      ModelData model,
      List<Path> files,
      List<LabeledText> samples,
      List<Prediction> predictions,
      EvaluationReport cv,
      TrainingOptions o)
      throws IOException {
    Map<String, Integer> perLabel = new TreeMap<>();
    samples.forEach(s -> perLabel.merge(s.label(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder();
    sb.append("# Model card: ").append(model.version()).append("\n\n");
    sb.append(
        "Generated by `DefaultModelBuilder` during `mvn package` (see docs/model-card.md).\n\n");
    sb.append("- build date (UTC): ").append(LocalDate.now(ZoneOffset.UTC)).append('\n');
    sb.append("- corpus: ")
        .append(files.stream().map(p -> p.getFileName().toString()).toList())
        .append('\n');
    sb.append("- corpus SHA-256: `").append(corpusHash(files)).append("`\n");
    sb.append("- samples per category: ").append(perLabel).append('\n');
    sb.append("- indicator catalogue version: ").append(model.catalogue().version()).append('\n');
    sb.append("- training: ").append(model.properties().get("training.params")).append('\n');
    sb.append("- features: ").append(model.properties().get("features")).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "- flag threshold: %.2f (lowest threshold >= %.2f whose %d-fold cross-validated flag precision"
                + " reaches %.2f with at most %.0f%% flagged in every benign category; benign max at"
                + " this threshold: %.1f%%)%n",
            model.threshold(),
            Trainer.THRESHOLD_FLOOR,
            cv.folds(),
            o.targetPrecision(),
            Trainer.MAX_CATEGORY_FPR * 100,
            Reports.maxBenignFpr(predictions, model.threshold()) * 100));
    sb.append("\n## Cross-validated evaluation\n\n```\n").append(cv.toText()).append("```\n");
    return sb.toString();
  }
}
