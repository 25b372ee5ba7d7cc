package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code vigil classify}: Classify texts (TSV rows, a URL or stdin) and print one JSON object per
 * text.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Classify texts (TSV rows, a URL or stdin) and print one JSON object per text.",
    footer = ExitCodes.HELP_FOOTER)
public final class ClassifyCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
