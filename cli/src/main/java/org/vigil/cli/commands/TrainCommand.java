package org.vigil.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vigil.classifier.DefaultRecipe;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ExtremismModel;
import org.vigil.classifier.ExtremismTrainer;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.ModelRegistry;
import org.vigil.classifier.TrainingOptions;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Models;
import org.vigil.cli.internal.Retrainer;
import org.vigil.cli.internal.Reviews;
import org.vigil.model.LabeledText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil train}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model.",
      "  --data FILE.tsv --out model.bin   train on a labelled TSV (columns label, text).",
      "  --from-reviews                    retrain with analyst reviews from Elasticsearch (false"
          + " positives become negatives): the default model's recipe (its real datasets, see"
          + " --training) or, with --corpus, a corpus; compare training with and without the"
          + " reviews on the same held-out split, register the new model and promote it only when"
          + " it is not worse."
    },
    footer = ExitCodes.HELP_FOOTER)
public final class TrainCommand extends BaseCommand {

  static final class Mode {
    @Option(names = "--data", paramLabel = "FILE", description = "Labelled TSV to train on.")
    Path data;

    @Option(names = "--from-reviews", description = "Corpus plus reviewed items.")
    boolean fromReviews;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the model file here.")
  Path out;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "vigil",
      description = "Model name, the prefix of its version id (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      description =
          "With --from-reviews: corpus directory of *.tsv (default: $VIGIL_CORPUS, else"
              + " classifier/src/main/corpus of the checkout).")
  Path corpus;

  @Option(
      names = "--training",
      paramLabel = "DIR",
      description =
          "With --from-reviews: the real datasets of the default model's recipe, one TSV per"
              + " dataset (docs/model-card.md), stormfront-dev.tsv beside the folder (default:"
              + " $VIGIL_TRAINING, else ../shared/datasets/training beside the checkout).")
  Path training;

  @Option(
      names = "--register",
      description = "With --data: also register the model in the model registry.")
  boolean register;

  @Option(
      names = "--negative-label",
      paramLabel = "LABEL",
      defaultValue = "other",
      description = "Label given to reviewed false positives (default: ${DEFAULT-VALUE}).")
  String negativeLabel;

  @Option(
      names = "--tolerance",
      paramLabel = "F1",
      defaultValue = "0.0",
      description =
          "With --from-reviews: how much lower the held-out macro-F1 of corpus+reviews may be"
              + " than corpus-only and still promote (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Override
  public Integer call() throws ModelException {
    TrainingOptions options;
    try {
      options = TrainingOptions.defaults().withName(name);
    } catch (IllegalArgumentException e) {
      throw CliException.badArguments("--name: " + e.getMessage());
    }
    if (mode.data != null && (training != null || corpus != null)) {
      throw CliException.badArguments("--training and --corpus go with --from-reviews, not --data");
    }
    return mode.data != null ? trainOnFile(options) : trainFromReviews(options);
  }

  private int trainOnFile(TrainingOptions options) throws ModelException {
    if (out == null && !register) {
      throw CliException.badArguments("--data needs --out FILE (or --register)");
    }
    List<LabeledText> samples = EvaluateCommand.readLabeled(mode.data);
    ExtremismModel model;
    try {
      model = ExtremismTrainer.train(samples, options);
    } catch (ModelException e) {
      throw CliException.usage(mode.data + ": " + e.getMessage());
    }
    save(model);
    if (register) {
      Models.registry(root().home()).register(model, null);
    }
    out()
        .printf(
            Locale.ROOT,
            "trained %s on %d rows: threshold %.3f%s%n",
            model.version(),
            samples.size(),
            model.threshold(),
            out == null ? "" : ", written to " + out);
    return ExitCodes.OK;
  }

  private int trainFromReviews(TrainingOptions options) throws ModelException {
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw CliException.badArguments("--tolerance must be within [0, 1], was " + tolerance);
    }
    ModelRegistry registry = Models.registry(root().home());
    ExtremismCategorizer current = registry.loadActiveOrDefault();
    Path recipeData = recipeData(current);
    if (recipeData == null) {
      return trainOnCorpusAndReviews(options, registry, current);
    }
    Path stormfront = recipeData.toAbsolutePath().getParent().resolve("stormfront-dev.tsv");
    DefaultRecipe recipe;
    try {
      recipe = DefaultRecipe.read(recipeData, stormfront, corpusDir());
    } catch (ModelException e) {
      throw CliException.usage("train --from-reviews: " + e.getMessage());
    }
    List<LabeledText> reviewed = Reviews.labelledReviews(root(), negativeLabel, err());
    if (reviewed.isEmpty()) {
      return nothingToLearn();
    }
    DefaultRecipe.Retrained r = recipe.retrain(reviewed, options.name());
    String id = registry.register(r.model(), r.after());
    save(r.model());
    out()
        .printf(
            Locale.ROOT,
            "trained %s on the default recipe (%d rows of %s) + %d reviewed items; recipe"
                + " hold-out %d rows, macro-F1: recipe alone %.3f, recipe+reviews %.3f%n",
            id,
            recipe.rows(),
            recipeData,
            reviewed.size(),
            r.holdout(),
            r.before().macroF1(),
            r.after().macroF1());
    return promoteIfNotWorse(
        registry, id, current, r.after().macroF1() >= r.before().macroF1() - tolerance);
  }

  /**
   * Where the default recipe's datasets are, or null to train on a corpus: {@code --training}, else
   * {@code $VIGIL_TRAINING}, else (for a model the recipe trained, unless {@code --corpus} says to
   * use a corpus) the shared folder beside the checkout. A model the recipe trained is never
   * replaced by one trained on the corpus alone unless asked: the corpus is ~5,000 team-written
   * rows, the recipe ~33,000 real ones.
   */
  private Path recipeData(ExtremismCategorizer current) {
    String env = root().env().get("VIGIL_TRAINING");
    Path given = training != null ? training : env == null || env.isBlank() ? null : Path.of(env);
    String origin = training != null ? "--training " : "VIGIL_TRAINING=";
    if (given != null) {
      if (!Files.isDirectory(given)) {
        throw CliException.usage(origin + given + ": no such directory");
      }
      return given;
    }
    if (corpus != null || !DefaultRecipe.trainedBy(current.model())) {
      return null;
    }
    Path shared =
        Path.of(System.getProperty("vigil.root", "."), "..", "shared", "datasets", "training")
            .normalize();
    if (Files.isDirectory(shared)) {
      return shared;
    }
    throw CliException.usage(
        "train --from-reviews: the active model "
            + current.modelVersion()
            + " was trained on the real datasets of the default recipe, not found at "
            + shared
            + ": give --training DIR (or VIGIL_TRAINING), or --corpus DIR to train on a corpus"
            + " alone");
  }

  private int trainOnCorpusAndReviews(
      TrainingOptions options, ModelRegistry registry, ExtremismCategorizer current)
      throws ModelException {
    List<LabeledText> corpusRows = readCorpus(corpusDir());
    List<LabeledText> reviewed = Reviews.labelledReviews(root(), negativeLabel, err());
    if (reviewed.isEmpty()) {
      return nothingToLearn();
    }
    Retrainer.Outcome o = Retrainer.retrain(corpusRows, reviewed, current, options, 0.2, tolerance);
    String id = registry.register(o.model(), o.newReport());
    save(o.model());
    out()
        .printf(
            Locale.ROOT,
            "trained %s on %d corpus rows + %d reviewed items; held-out %d rows, macro-F1:"
                + " old %.3f (%s, may have seen them), corpus-only %.3f, corpus+reviews %.3f%n",
            id,
            o.trainSize() - reviewed.size(),
            reviewed.size(),
            o.heldOutSize(),
            o.oldReport().macroF1(),
            current.modelVersion(),
            o.baselineReport().macroF1(),
            o.newReport().macroF1());
    return promoteIfNotWorse(registry, id, current, o.notWorse());
  }

  /** No reviews: training would only rebuild what is there (a minute, for the recipe). */
  private int nothingToLearn() {
    out().println("no reviewed items (confirmed or false positive) to learn from: nothing trained");
    return ExitCodes.OK;
  }

  private int promoteIfNotWorse(
      ModelRegistry registry, String id, ExtremismCategorizer current, boolean notWorse)
      throws ModelException {
    if (notWorse) {
      registry.promote(id);
      out()
          .println(
              "promoted " + id + " (reviews did not make it worse); was " + current.modelVersion());
    } else {
      out()
          .println(
              "registered "
                  + id
                  + " but kept "
                  + current.modelVersion()
                  + " (reviews made it worse)");
    }
    return ExitCodes.OK;
  }

  private void save(ExtremismModel model) {
    if (out == null) {
      return;
    }
    try {
      model.save(out);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, out + ": cannot write model: " + e.getMessage(), e);
    }
  }

  private Path corpusDir() {
    if (corpus != null) {
      return corpus;
    }
    String env = root().env().get("VIGIL_CORPUS");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("vigil.root", "."), "classifier", "src", "main", "corpus");
  }

  private static List<LabeledText> readCorpus(Path dir) {
    if (!Files.exists(dir)) {
      throw CliException.usage(dir + ": no such corpus file or directory (use --corpus DIR)");
    }
    List<Path> files;
    try {
      files = LabeledTextReader.tsvFiles(dir);
    } catch (IOException e) {
      throw CliException.usage(dir + ": cannot read corpus directory (use --corpus DIR)");
    }
    if (files.isEmpty()) {
      throw CliException.usage(dir + ": no *.tsv corpus files (use --corpus DIR)");
    }
    List<LabeledText> rows = new ArrayList<>();
    for (Path f : files) {
      rows.addAll(EvaluateCommand.readLabeled(f));
    }
    return rows;
  }
}
