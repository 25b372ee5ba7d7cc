package org.vigil.cli.commands;

import java.io.IOException;
import java.nio.file.Path;
import org.vigil.cli.CliException;
import org.vigil.cli.Vigil;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.Metrics;
import picocli.CommandLine.Option;

/** Options shared by {@code crawl} and {@code schedule}. */
final class CrawlOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "sources.yml",
      description = "The sources file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Crawl state (frontier, page state) directory (default: $VIGIL_HOME/state).")
  Path stateDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Fetch threads per source (default: the source's threads key, 4 when unset).")
  Integer threads;

  @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: active).")
  Path model;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (opt-in).")
  Integer metricsPort;

  Path stateDir(Vigil root) {
    return stateDir != null ? stateDir : root.home().resolve("state");
  }

  Metrics metrics(Vigil root) {
    if (metricsPort == null) {
      return Metrics.none(Es.spoolDir(root));
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw CliException.badArguments(
          "--metrics-port must be within [0, 65535], was " + metricsPort);
    }
    try {
      return Metrics.serve(metricsPort, Es.spoolDir(root));
    } catch (IOException e) {
      throw CliException.usage(
          "--metrics-port " + metricsPort + ": cannot listen: " + e.getMessage());
    }
  }
}
