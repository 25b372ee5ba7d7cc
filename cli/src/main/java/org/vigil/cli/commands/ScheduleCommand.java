package org.vigil.cli.commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Configs;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Pipeline;
import org.vigil.cli.internal.Pipelines;
import org.vigil.cli.internal.Signals;
import org.vigil.cli.schedule.Scheduler;
import org.vigil.cli.schedule.SourceRunner;
import org.vigil.cli.schedule.SourcesProvider;
import org.vigil.cli.schedule.StateFile;
import org.vigil.crawler.ConfigException;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil schedule}. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Run each source's crawl when its cron `schedule` (UNIX syntax: minute hour day month"
          + " weekday, local time) is due, until SIGTERM or SIGINT.",
      "Never runs one source twice at once; staggers sources due together; reloads the config on"
          + " SIGHUP or when the file changes (an invalid file is ignored and the old config kept);"
          + " on SIGTERM/SIGINT takes no new work, stops in-flight crawls gracefully (checkpointed,"
          + " resumed next time), flushes the indexer and exits 0.",
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
      throw CliException.usage("--stagger must be >= 0 and --stop-timeout >= 1");
    }
    Path configFile = options.config;
    AtomicReference<SourcesConfig> current = new AtomicReference<>(load(configFile));
    SourcesProvider provider =
        new SourcesProvider() {
          @Override
          public List<Source> load() throws ConfigException {
            SourcesConfig config = Configs.load(configFile);
            current.set(config);
            return config.sources();
          }

          @Override
          public String fingerprint() {
            return SourcesProvider.fileFingerprint(configFile);
          }
        };
    StateFile stateFile = new StateFile(root().home().resolve("scheduler.json"));
    try (Metrics metrics = options.metrics(root());
        Pipeline pipeline =
            Pipelines.open(root(), err(), options.model, options.stateDir(root()), metrics)) {
      pipeline.threads(options.threads);
      SourceRunner runner =
          new SourceRunner() {
            @Override
            public void run(Source source) {
              pipeline.crawl(current.get(), source, "schedule");
            }

            @Override
            public void stop(String sourceId) {
              pipeline.stop(sourceId);
            }
          };
      Scheduler scheduler =
          Scheduler.builder(provider, runner)
              .clock(root().clock())
              .stagger(Duration.ofSeconds(staggerSeconds))
              .onChange(s -> stateFile.write(s, configFile))
              .build();
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

  private static SourcesConfig load(Path file) {
    try {
      return Configs.load(file);
    } catch (ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
