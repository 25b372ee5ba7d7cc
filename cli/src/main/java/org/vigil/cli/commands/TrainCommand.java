package org.vigil.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ExtremismModel;
import org.vigil.classifier.ExtremismTrainer;
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
      "  --from-reviews                    train on the project corpus plus analyst reviews from"
          + " Elasticsearch (false positives become negatives), compare old and new model on the"
          + " same held-out corpus split, register the new model and promote it only when it is"
          + " not worse."
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
    List<LabeledText> corpusRows = readCorpus(corpusDir());
    List<LabeledText> reviewed = Reviews.labelledReviews(root(), negativeLabel, err());
    ModelRegistry registry = Models.registry(root().home());
    ExtremismCategorizer current = registry.loadActiveOrDefault();
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
    if (o.notWorse()) {
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
    List<Path> files;
    if (Files.isRegularFile(dir)) {
      files = List.of(dir);
    } else {
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
      } catch (IOException e) {
        throw CliException.usage(dir + ": cannot read corpus directory (use --corpus DIR)");
      }
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
