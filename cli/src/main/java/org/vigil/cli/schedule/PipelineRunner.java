package org.vigil.cli.schedule;

import java.util.Objects;
import java.util.function.Supplier;
import org.vigil.cli.internal.Pipeline;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.Source;

/**
 * Runs the scheduler's crawls on a {@link Pipeline} (trigger {@code schedule}), with the config
 * current when each crawl starts; the pipeline checks its model before each one.
 */
public final class PipelineRunner implements SourceRunner {
  private final Pipeline pipeline;
  private final Supplier<SourcesConfig> config;

  public PipelineRunner(Pipeline pipeline, Supplier<SourcesConfig> config) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public void run(Source source) {
    pipeline.crawl(config.get(), source, "schedule");
  }

  @Override
  public void stop(String sourceId) {
    pipeline.stop(sourceId);
  }
}
