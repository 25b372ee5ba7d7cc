package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code vigil evaluate}: Evaluate a model on a labelled TSV file (metrics, confusion matrix,
 * folds).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a model on a labelled TSV file (metrics, confusion matrix, folds).",
    footer = ExitCodes.HELP_FOOTER)
public final class EvaluateCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
