package org.vigil.cli.commands;

import java.time.Duration;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.indexer.EmbeddedElasticsearch;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.UnsupportedServerException;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;

/** {@code vigil es status|start|stop|setup}. */
@Command(
    name = "es",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the embedded Elasticsearch and the Vigil index.",
      "The embedded cluster (Elasticsearch "
          + EmbeddedElasticsearch.VERSION
          + ", 127.0.0.1) lives"
          + " in $VIGIL_HOME/es (/var/lib/vigil/es as root) and needs Java 21+ (ES_JAVA_HOME)."
    },
    footer = ExitCodes.HELP_FOOTER,
    subcommands = {
      EsCommand.Status.class,
      EsCommand.Start.class,
      EsCommand.Stop.class,
      EsCommand.Setup.class
    })
public final class EsCommand extends BaseCommand implements WithoutElasticsearch {
  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return ExitCodes.USAGE;
  }

  /** {@code vigil es status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Embedded cluster state and, for --es/VIGIL_ES_URL, that cluster's version and health.",
      footer = ExitCodes.HELP_FOOTER)
  public static final class Status extends BaseCommand {

    @Override
    public Integer call() {
      out().println("embedded: " + Es.embedded(root()).status());
      if (root().esUrl() != null) {
        try (VigilIndex index = VigilIndex.connect(Es.settings(root(), err()), Es.prefix(root()))) {
          out().println(index.url() + ": " + index.health());
        } catch (UnsupportedServerException e) {
          throw CliException.usage(e.getMessage());
        } catch (IndexerException e) {
          throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code vigil es start}. */
  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start the embedded Elasticsearch (installing it first when needed).",
      footer = ExitCodes.HELP_FOOTER)
  public static final class Start extends BaseCommand implements WithoutElasticsearch {
    @Override
    public Integer call() {
      out().println("running at " + Es.startEmbedded(root(), err()));
      return ExitCodes.OK;
    }
  }

  /** {@code vigil es stop}. */
  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop the embedded Elasticsearch.",
      footer = ExitCodes.HELP_FOOTER)
  public static final class Stop extends BaseCommand implements WithoutElasticsearch {
    @Override
    public Integer call() throws IndexerException {
      boolean stopped = Es.embedded(root()).stop(Duration.ofSeconds(60));
      out().println(stopped ? "stopped" : "not running");
      return ExitCodes.OK;
    }
  }

  /** {@code vigil es setup}. */
  @Command(
      name = "setup",
      mixinStandardHelpOptions = true,
      description = "Install or update the index templates, alias and run-history index.",
      footer = ExitCodes.HELP_FOOTER)
  public static final class Setup extends BaseCommand {

    @Override
    public Integer call() {
      try (VigilIndex index = Es.connect(root(), err())) {
        out()
            .println(
                "set up " + index.alias() + " and " + index.runsIndex() + " at " + index.url());
      }
      return ExitCodes.OK;
    }
  }
}
