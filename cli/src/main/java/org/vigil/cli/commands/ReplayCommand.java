package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil replay}: Replay the on-disk spool into Elasticsearch. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay the on-disk spool into Elasticsearch.",
    footer = ExitCodes.HELP_FOOTER)
public final class ReplayCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
