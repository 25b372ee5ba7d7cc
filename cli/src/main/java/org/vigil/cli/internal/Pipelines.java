package org.vigil.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
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

  /** Model (--model or registry), Elasticsearch (flag/env/embedded) and the spool of VIGIL_HOME. */
  public static Pipeline open(
      Vigil root, PrintWriter err, Path model, Path stateDir, Metrics metrics) {
    ExtremismCategorizer categorizer = Models.categorizer(root.home(), model);
    VigilIndex index = Es.connect(root, err);
    try {
      ItemIndexer indexer = index.indexer(IndexerOptions.defaults(Es.spoolDir(root)));
      return new Pipeline(categorizer, index, indexer, metrics, stateDir, root.clock());
    } catch (IndexerException | RuntimeException e) {
      index.close();
      throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
    }
  }
}
