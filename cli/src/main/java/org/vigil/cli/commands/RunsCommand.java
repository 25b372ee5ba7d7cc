package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil runs}: Show the crawl run history. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Show the crawl run history.",
    footer = ExitCodes.HELP_FOOTER)
public final class RunsCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
