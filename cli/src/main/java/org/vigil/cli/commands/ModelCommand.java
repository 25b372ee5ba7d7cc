package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil model}: List, promote or roll back models in the model registry. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "List, promote or roll back models in the model registry.",
    footer = ExitCodes.HELP_FOOTER)
public final class ModelCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
