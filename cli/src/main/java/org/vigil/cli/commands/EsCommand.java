package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil es}: Manage the embedded Elasticsearch and the Vigil index. */
@Command(
    name = "es",
    mixinStandardHelpOptions = true,
    description = "Manage the embedded Elasticsearch and the Vigil index.",
    footer = ExitCodes.HELP_FOOTER)
public final class EsCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
