package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code vigil train}: Train a model from a TSV file or from the project corpus plus analyst
 * reviews.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a model from a TSV file or from the project corpus plus analyst reviews.",
    footer = ExitCodes.HELP_FOOTER)
public final class TrainCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
