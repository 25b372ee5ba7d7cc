package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil extract}: Extract main content from saved HTML files. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = "Extract main content from saved HTML files.",
    footer = ExitCodes.HELP_FOOTER)
public final class ExtractCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
