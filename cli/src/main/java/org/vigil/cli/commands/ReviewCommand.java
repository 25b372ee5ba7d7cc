package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil review}: Record an analyst verdict on a flagged item, or list the review queue. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = "Record an analyst verdict on a flagged item, or list the review queue.",
    footer = ExitCodes.HELP_FOOTER)
public final class ReviewCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
