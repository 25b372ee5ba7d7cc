package org.vigil.cli.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.ReportHtml;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.Overview;
import org.vigil.indexer.SearchHit;
import org.vigil.indexer.SearchQuery;
import org.vigil.indexer.SpreadCluster;
import org.vigil.indexer.SpreadQuery;
import org.vigil.indexer.SpreadTracker;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil report}: one self-contained HTML page for analysts without Kibana. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write one self-contained HTML report (inline CSS and SVG, nothing loaded at view time):"
            + " flagged items over time by category, the top spreading clusters with their"
            + " timelines and host counts, top domains, review status and each item's evidence.",
    footer = ExitCodes.HELP_FOOTER)
public final class ReportCommand extends BaseCommand {
  @Option(
      names = "--since",
      paramLabel = "PERIOD",
      defaultValue = "30d",
      description = "Items and clusters seen within (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The HTML file.")
  Path outFile;

  @Option(
      names = "--items",
      paramLabel = "N",
      defaultValue = "200",
      description = "At most N items with their evidence (default: ${DEFAULT-VALUE}).")
  int items;

  @Override
  public Integer call() throws IndexerException {
    Duration period;
    try {
      period = SearchQuery.parsePeriod(since);
    } catch (IllegalArgumentException e) {
      throw CliException.badArguments(e.getMessage());
    }
    if (items < 1 || items > 10_000) {
      throw CliException.badArguments("--items must be within [1, 10000], was " + items);
    }
    Instant now = root().clock().instant();
    String html;
    try (VigilIndex index = Es.connect(root(), err())) {
      SpreadTracker spread = index.spread();
      spread.update();
      Overview overview = spread.overview(period, now);
      List<SpreadCluster> clusters = spread.clusters(new SpreadQuery(period, 1, null, 10), now);
      List<SearchHit> hits = index.search(SearchQuery.of("*").withSince(period).withLimit(items));
      html = ReportHtml.render(overview, clusters, hits, period, now);
    }
    try {
      Files.writeString(outFile, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.failed(outFile + ": cannot write: " + e.getMessage(), e);
    }
    out().println("wrote " + outFile);
    return ExitCodes.OK;
  }
}
