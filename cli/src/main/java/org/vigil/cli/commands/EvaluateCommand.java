package org.vigil.cli.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.classifier.DataFormatException;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ExtremismEvaluator;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.TrainingOptions;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Models;
import org.vigil.model.LabeledText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil evaluate}. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a model on a labelled TSV file (columns label and text): per-category precision,"
          + " recall and F1, confusion matrix, precision-recall table of the flag threshold,"
          + " calibration error.",
      "With --folds k: k-fold cross-validation of training on the file instead."
    },
    footer = ExitCodes.HELP_FOOTER)
public final class EvaluateCommand extends BaseCommand implements WithoutElasticsearch {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled TSV.")
  Path data;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "Model file (default: active registry model, else the default model).")
  Path model;

  @Option(names = "--folds", paramLabel = "K", description = "Cross-validate with K folds.")
  Integer folds;

  @Option(
      names = "--semantic",
      description = "Evaluate the model with the semantic stage (as classify --semantic).")
  boolean semantic;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws ModelException {
    List<LabeledText> samples = readLabeled(data);
    EvaluationReport report;
    if (folds != null) {
      if (semantic) {
        throw CliException.badArguments(
            "--semantic evaluates the shipped stage; it cannot be cross-validated (--folds)");
      }
      if (folds < 2) {
        throw CliException.badArguments("--folds must be >= 2, was " + folds);
      }
      report = ExtremismEvaluator.crossValidate(samples, folds, TrainingOptions.defaults());
    } else {
      ExtremismCategorizer categorizer = Models.categorizer(root().home(), model);
      report =
          ExtremismEvaluator.evaluate(
              semantic ? Models.withSemanticStage(categorizer) : categorizer, samples);
    }
    out().println(json ? report.toJson() : report.toText());
    return ExitCodes.OK;
  }

  /** Every labelled row of a TSV; bad input is a usage error naming file and line. */
  static List<LabeledText> readLabeled(Path file) {
    try (Stream<LabeledText> rows = LabeledTextReader.readTsv(file)) {
      List<LabeledText> samples = rows.toList();
      if (samples.isEmpty()) {
        throw CliException.usage(file + ": no rows after the header");
      }
      return samples;
    } catch (DataFormatException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
