package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code vigil status}: Show scheduler state, next due times, spool size and Elasticsearch health.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show scheduler state, next due times, spool size and Elasticsearch health.",
    footer = ExitCodes.HELP_FOOTER)
public final class StatusCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
