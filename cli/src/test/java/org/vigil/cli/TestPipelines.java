package org.vigil.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.vigil.cli.internal.ActiveModel;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Models;
import org.vigil.cli.internal.Pipeline;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.VigilIndex;

/** Pipelines for tests that drive {@link Pipeline} directly. */
public final class TestPipelines {
  private TestPipelines() {}

  /**
   * A pipeline with the default model (else the registry's active one in {@code home}), crawl state
   * in {@code home/state} and spool in {@code home/spool}; closing it closes {@code index}.
   */
  public static Pipeline defaultModel(Path home, VigilIndex index, Metrics metrics)
      throws IndexerException {
    return new Pipeline(
        ActiveModel.fixed(Models.categorizer(home, null)),
        index,
        index.indexer(IndexerOptions.defaults(home.resolve("spool"))),
        metrics,
        home.resolve("state"),
        Clock.systemUTC());
  }
}
