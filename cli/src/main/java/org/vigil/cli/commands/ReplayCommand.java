package org.vigil.cli.commands;

import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.ItemIndexer;
import org.vigil.indexer.Spool;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;

/** {@code vigil replay}. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Replay the on-disk spool ($VIGIL_HOME/spool) into Elasticsearch; stable ids make it"
            + " exactly-once.",
    footer = ExitCodes.HELP_FOOTER + "%nExit 3 when items are still left in the spool.")
public final class ReplayCommand extends BaseCommand {

  @Override
  public Integer call() throws IndexerException {
    long before = Spool.size(Es.spoolDir(root()));
    long replayed;
    long left;
    try (VigilIndex index = Es.connect(root(), err())) {
      ItemIndexer indexer = index.indexer(IndexerOptions.defaults(Es.spoolDir(root())));
      try {
        replayed = indexer.replaySpool();
      } finally {
        indexer.finish();
      }
      index.refresh();
      index.spread().update(); // replayed items join their spread clusters now
    }
    left = Spool.size(Es.spoolDir(root()));
    out().println("replayed " + replayed + " of " + before + " spooled item(s); " + left + " left");
    return left > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
  }
}
