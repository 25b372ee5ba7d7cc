package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil demo}: Crawl the bundled demo site, classify, index and print what was flagged. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Crawl the bundled demo site, classify, index and print what was flagged.",
    footer = ExitCodes.HELP_FOOTER)
public final class DemoCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
