package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil index}: Bulk-load flagged items from a JSON-lines file. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Bulk-load flagged items from a JSON-lines file.",
    footer = ExitCodes.HELP_FOOTER)
public final class IndexCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
