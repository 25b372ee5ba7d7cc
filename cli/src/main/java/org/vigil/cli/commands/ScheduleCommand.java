package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil schedule}: Run sources on their cron schedules until SIGTERM/SIGINT. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Run sources on their cron schedules until SIGTERM/SIGINT.",
    footer = ExitCodes.HELP_FOOTER)
public final class ScheduleCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
