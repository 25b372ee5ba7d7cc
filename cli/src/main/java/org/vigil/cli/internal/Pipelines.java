package org.vigil.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Vigil;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.ItemIndexer;
import org.vigil.indexer.VigilIndex;

/** Opens a {@link Pipeline} from a command's settings. */
public final class Pipelines {
  private Pipelines() {}

  /**
   * Connects to Elasticsearch; when it is unreachable, opens the index without contacting it so the
   * crawl still runs and flagged items go to the spool (replayed later, exit 3).
   */
  private static VigilIndex connectOrSpool(Vigil root, PrintWriter err) {
    try {
      return Es.connect(root, err);
    } catch (CliException e) {
      if (e.exitCode() != ExitCodes.FAILED || !(e.getCause() instanceof IndexerException)) {
        throw e;
      }
      LoggerFactory.getLogger(Pipelines.class)
          .warn(
              "{}; flagged items will be spooled to {} until it is back",
              e.getMessage(),
              Es.spoolDir(root));
      try {
        return VigilIndex.open(Es.settings(root, err), Es.prefix(root));
      } catch (IndexerException e2) {
        throw new CliException(ExitCodes.FAILED, e2.getMessage(), e2);
      }
    }
  }

  /**
   * Model (--model or registry, fixed for the pipeline's life), Elasticsearch (flag/env/embedded)
   * and the spool of VIGIL_HOME.
   */
  public static Pipeline open(
      Vigil root, PrintWriter err, Path model, Path stateDir, Metrics metrics) {
    ExtremismCategorizer categorizer = Models.categorizer(root.home(), model);
    return open(root, err, ActiveModel.fixed(categorizer), stateDir, metrics);
  }

  /** Like {@link #open(Vigil, PrintWriter, Path, Path, Metrics)}, with the given model. */
  public static Pipeline open(
      Vigil root, PrintWriter err, ActiveModel model, Path stateDir, Metrics metrics) {
    VigilIndex index = connectOrSpool(root, err);
    try {
      ItemIndexer indexer = index.indexer(IndexerOptions.defaults(Es.spoolDir(root)));
      return new Pipeline(model, index, indexer, metrics, stateDir, root.clock());
    } catch (IndexerException | RuntimeException e) {
      index.close();
      throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
    }
  }
}
