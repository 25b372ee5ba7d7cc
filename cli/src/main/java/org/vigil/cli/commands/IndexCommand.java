package org.vigil.cli.commands;

import java.nio.file.Path;
import java.util.Locale;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.IoErrors;
import org.vigil.indexer.FlaggedItemJson;
import org.vigil.indexer.IndexStats;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.ItemIndexer;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil index}. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Bulk-load flagged items from a JSON-lines file (one item per line, as the spool"
          + " writes them), through the same indexer the crawler uses. A line starting with"
          + " \"op\":\"clear\" (the spool's form of a page no longer flagged) clears that"
          + " item's document instead; one with \"op\":\"gone\" (a page that answered 404/410)"
          + " marks that page's document gone.",
      "Items Elasticsearch cannot take now are spooled and replayed later (vigil replay)."
    },
    footer = ExitCodes.HELP_FOOTER + "%nExit 3 when some items failed or were spooled.")
public final class IndexCommand extends BaseCommand {

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "items.jsonl")
  Path input;

  @Override
  public Integer call() throws IndexerException {
    IoErrors.requireReadableFile(input, "--input"); // before connecting: a typo is a usage error
    IndexStats stats;
    long read;
    try (VigilIndex index = Es.connect(root(), err())) {
      ItemIndexer indexer = index.indexer(IndexerOptions.defaults(Es.spoolDir(root())));
      try {
        read =
            FlaggedItemJson.readOperations(
                input,
                (item, clear) -> {
                  if (clear) {
                    indexer.clear(item);
                  } else {
                    indexer.add(item);
                  }
                },
                indexer::markGone);
      } catch (IndexerException e) {
        indexer.finish();
        throw org.vigil.cli.CliException.usage(e.getMessage());
      }
      stats = indexer.finish();
      index.refresh();
    }
    out()
        .printf(
            Locale.ROOT,
            "read %d item(s): %d indexed, %d spooled, %d failed%s%s%n",
            read,
            stats.indexed(),
            stats.spooled(),
            stats.failed(),
            stats.clears() == 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; %d cleared, %d with nothing to clear",
                    stats.cleared(),
                    stats.nothingToClear()),
            stats.markedGone() + stats.nothingToMarkGone() == 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; %d marked gone, %d with nothing to mark",
                    stats.markedGone(),
                    stats.nothingToMarkGone()));
    stats
        .failures()
        .forEach(f -> err().println("failed " + f.id() + " " + f.url() + ": " + f.reason()));
    return stats.failed() + stats.spooled() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
  }
}
