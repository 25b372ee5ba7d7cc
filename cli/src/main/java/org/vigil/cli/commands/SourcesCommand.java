package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil sources}: Validate or list the sources of a sources.yml. */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = "Validate or list the sources of a sources.yml.",
    footer = ExitCodes.HELP_FOOTER)
public final class SourcesCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
