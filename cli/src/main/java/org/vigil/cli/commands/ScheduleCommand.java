package org.vigil.cli.commands;

import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.ActiveModel;
import org.vigil.cli.internal.IoErrors;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Pipeline;
import org.vigil.cli.internal.Pipelines;
import org.vigil.cli.internal.Signals;
import org.vigil.cli.schedule.ConfigFileSources;
import org.vigil.cli.schedule.PipelineRunner;
import org.vigil.cli.schedule.Scheduler;
import org.vigil.cli.schedule.SourceRunner;
import org.vigil.cli.schedule.StateFile;
import org.vigil.crawler.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil schedule}. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Run each source's crawl when its `schedule` is due, until SIGTERM or SIGINT.",
      "A schedule is a UNIX cron expression (minute hour day month weekday) or a macro (@hourly,"
          + " @daily, @weekly, @monthly, @yearly), in the source's `timezone` (else local time).",
      "Never runs one source twice at once; staggers sources due together; reloads the config on"
          + " SIGHUP or when the file changes (an invalid file is ignored and the old config kept);"
          + " on SIGTERM/SIGINT takes no new work, stops in-flight crawls gracefully (checkpointed,"
          + " resumed next time), flushes the indexer and exits 0.",
      "Each run checks the model first: after `vigil model promote` or `rollback` (or a change"
          + " of the --model file) it loads the new model and re-classifies every page; a model"
          + " that fails to load is logged and named in the run history, and the previous one"
          + " kept.",
      "State for `vigil status` is written to $VIGIL_HOME/scheduler.json."
    },
    footer = ExitCodes.HELP_FOOTER)
public final class ScheduleCommand extends BaseCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleCommand.class);

  @Mixin CrawlOptions options;

  @Option(
      names = "--stagger",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Gap between starts of sources due together (default: ${DEFAULT-VALUE}).")
  long staggerSeconds;

  @Option(
      names = "--stop-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long to wait for in-flight crawls on stop (default: ${DEFAULT-VALUE}).")
  long stopTimeoutSeconds;

  @Option(names = "--run-now", description = "Start every scheduled source once right away.")
  boolean runNow;

  @Override
  public Integer call() throws Exception {
    if (staggerSeconds < 0 || stopTimeoutSeconds < 1) {
      throw CliException.badArguments("--stagger must be >= 0 and --stop-timeout >= 1");
    }
    Path configFile = options.config;
    ConfigFileSources sources = load(configFile);
    StateFile stateFile = new StateFile(root().home().resolve("scheduler.json"));
    // The model follows the registry (or the --model file): a promotion or rollback is used from
    // the next run on, without a restart.
    ActiveModel model = ActiveModel.follows(root().home(), options.model);
    try (Metrics metrics = options.metrics(root());
        Pipeline pipeline =
            Pipelines.open(root(), err(), model, options.stateDir(root()), metrics)) {
      pipeline.threads(options.threads);
      if (System.console() != null) { // a line per running source every 10 s, on a terminal
        pipeline.progressLinesTo(err(), 10_000);
      }
      SourceRunner runner = new PipelineRunner(pipeline, sources::config);
      Scheduler scheduler =
          Scheduler.builder(sources, runner)
              .clock(root().clock())
              .stagger(Duration.ofSeconds(staggerSeconds))
              .onChange(s -> stateFile.write(s, configFile))
              .build();
      // vigil status shows how far each running crawl is, not only that it runs.
      pipeline.onProgress(
          (id, fetched, queued, failed) ->
              stateFile.progress(
                  id, new StateFile.Progress(fetched, queued, failed), scheduler, configFile));
      if (runNow) {
        scheduler.dueNow();
      }
      if (metrics.port() > 0) {
        err().println("metrics at http://127.0.0.1:" + metrics.port() + "/metrics");
      }
      LOG.info(
          "scheduler started with {} source(s) from {}; model {}",
          scheduler.sources().size(),
          configFile,
          pipeline.modelVersion());
      try (Signals signals = Signals.install(scheduler::stop, scheduler::requestReload)) {
        boolean drained = scheduler.runUntilStopped(Duration.ofSeconds(stopTimeoutSeconds));
        pipeline.checkpoint();
        LOG.info("scheduler stopped{}", drained ? "" : " (some crawls did not stop in time)");
      }
    }
    out().println("scheduler stopped");
    return ExitCodes.OK;
  }

  private static ConfigFileSources load(Path file) {
    IoErrors.requireReadableFile(file, "--config");
    try {
      return new ConfigFileSources(file);
    } catch (ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
