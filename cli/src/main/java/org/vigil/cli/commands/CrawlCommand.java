package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code vigil crawl}: Crawl sources now, classify every page and index what is flagged. */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = "Crawl sources now, classify every page and index what is flagged.",
    footer = ExitCodes.HELP_FOOTER)
public final class CrawlCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILED, "not available in this build yet");
  }
}
