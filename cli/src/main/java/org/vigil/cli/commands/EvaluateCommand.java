package org.vigil.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.vigil.classifier.DataFormatException;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ExtremismEvaluator;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.SourceRates;
import org.vigil.classifier.TrainingOptions;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Json;
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

  @Option(
      names = "--by",
      paramLabel = "COLUMN",
      description =
          "Also report per value of this column (e.g. source): recall of its extremist rows and"
              + " false-positive rate of its other rows.")
  String by;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws ModelException, IOException {
    List<LabeledText> samples = readLabeled(data);
    EvaluationReport report;
    if (folds != null) {
      if (by != null) {
        throw CliException.badArguments("--by reports a model's flags; not with --folds");
      }
      if (semantic) {
        throw CliException.badArguments(
            "--semantic evaluates the shipped stage; it cannot be cross-validated (--folds)");
      }
      if (folds < 2) {
        throw CliException.badArguments("--folds must be >= 2, was " + folds);
      }
      report = ExtremismEvaluator.crossValidate(samples, folds, TrainingOptions.defaults());
    } else {
      List<String> sources = by == null ? null : readColumn(data, by, samples.size());
      ExtremismCategorizer categorizer = Models.categorizer(root().home(), model);
      if (semantic) {
        categorizer = Models.withSemanticStage(categorizer);
      }
      if (sources != null) {
        ExtremismEvaluator.BySource result =
            ExtremismEvaluator.evaluate(categorizer, samples, sources);
        out().println(json ? withSources(result) : result.report().toText() + table(result));
        return ExitCodes.OK;
      }
      report = ExtremismEvaluator.evaluate(categorizer, samples);
    }
    out().println(json ? report.toJson() : report.toText());
    return ExitCodes.OK;
  }

  /**
   * The {@code column} of every row of {@code file}, blank as {@code -}; as many as {@code rows}.
   */
  private static List<String> readColumn(Path file, String column, int rows) {
    try (Stream<String> values = LabeledTextReader.readTexts(file, column)) {
      List<String> out = values.map(v -> v.isBlank() ? "-" : v.strip()).toList();
      if (out.size() != rows) { // readLabeled read the same lines; a row cannot go missing
        throw new IllegalStateException(file + ": " + out.size() + " values, " + rows + " rows");
      }
      return out;
    } catch (DataFormatException e) {
      throw CliException.usage("--by " + column + ": " + e.getMessage());
    }
  }

  /** The rates by source as a table under the report. */
  private String table(ExtremismEvaluator.BySource result) {
    StringBuilder sb = new StringBuilder(String.format("%nBy %s:%n", by));
    sb.append(String.format("%-40s %-9s %6s %7s  %s%n", by, "ROWS OF", "ROWS", "FLAGGED", "RATE"));
    for (SourceRates r : result.bySource()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-40s %-9s %6d %7d  %s %.3f%n",
              r.source(),
              r.extremist() ? "extremist" : "other",
              r.rows(),
              r.flagged(),
              r.extremist() ? "recall" : "false-positive rate",
              r.rate()));
    }
    return sb.toString();
  }

  /** The JSON report with {@code by_source}: one object per source and kind of row. */
  private static String withSources(ExtremismEvaluator.BySource result) throws IOException {
    ObjectNode report = (ObjectNode) Json.mapper().readTree(result.report().toJson());
    ArrayNode rows = report.putArray("by_source");
    for (SourceRates r : result.bySource()) {
      ObjectNode o = rows.addObject();
      o.put("source", r.source());
      o.put("kind", r.extremist() ? "extremist" : "other");
      o.put("rows", r.rows());
      o.put("flagged", r.flagged());
      o.put(r.extremist() ? "recall" : "false_positive_rate", r.rate());
    }
    return Json.mapper().writeValueAsString(report);
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
