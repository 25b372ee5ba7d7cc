package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil search}: Search flagged items. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search flagged items.",
    footer = ExitCodes.HELP_FOOTER)
public final class SearchCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
