package org.vigil.cli.commands;

import java.util.List;
import java.util.Locale;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.RunJson;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.VigilIndex;
import org.vigil.model.CrawlStats;
import org.vigil.model.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil runs}. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Show the crawl run history (scheduled and manual runs), newest first.",
    footer = ExitCodes.HELP_FOOTER)
public final class RunsCommand extends BaseCommand {

  @Option(names = "--source", paramLabel = "ID", description = "Only this source's runs.")
  String source;

  @Option(
      names = "--last",
      paramLabel = "N",
      defaultValue = "20",
      description = "The last N runs (default: ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--json", description = "One JSON object per run.")
  boolean json;

  @Override
  public Integer call() throws IndexerException {
    if (last < 1 || last > 10_000) {
      throw CliException.badArguments("--last must be within [1, 10000], was " + last);
    }
    try (VigilIndex index = Es.connect(root(), err())) {
      List<RunRecord> runs = index.runs(source, last);
      if (json) {
        runs.forEach(r -> out().println(org.vigil.cli.internal.Json.line(RunJson.of(r))));
        return ExitCodes.OK;
      }
      out()
          .printf(
              "%-20s %-20s %-9s %-10s %-20s %8s %7s %7s %9s %6s %7s %7s %7s %7s %5s %s%n",
              "STARTED",
              "SOURCE",
              "TRIGGER",
              "STATUS",
              "RUN",
              "FETCHED",
              "UNSUPP",
              "SKIPPED",
              "UNCHANGED",
              "FAILED",
              "FLAGGED",
              "INDEXED",
              "SPOOLED",
              "CLEARED",
              "GONE",
              "ERRORS");
      for (RunRecord r : runs) {
        CrawlStats s = r.stats();
        out()
            .printf(
                Locale.ROOT,
                "%-20s %-20s %-9s %-10s %-20s %8d %7d %7d %9d %6d %7d %7d %7d %7d %5d %s%n",
                r.started().toString().substring(0, 19),
                r.sourceId(),
                r.trigger(),
                r.status(),
                r.runId(),
                s.fetched(),
                s.unsupportedLanguage(),
                s.skipped(),
                s.unchanged(),
                s.failed(),
                s.flagged(),
                s.indexed(),
                s.spooled(),
                s.cleared(),
                s.gone(),
                r.errorSummary());
      }
      out().println(runs.size() + " run(s)");
    }
    return ExitCodes.OK;
  }
}
