package org.vigil.cli.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Configs;
import org.vigil.cli.internal.IoErrors;
import org.vigil.cli.internal.Json;
import org.vigil.crawler.ConfigError;
import org.vigil.crawler.ConfigException;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil sources validate|list}. */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = "Validate or list the sources of a sources.yml.",
    footer = ExitCodes.HELP_FOOTER,
    subcommands = {SourcesCommand.Validate.class, SourcesCommand.ListSources.class})
public final class SourcesCommand extends BaseCommand implements WithoutElasticsearch {
  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return ExitCodes.USAGE;
  }

  /** {@code vigil sources validate}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check a sources.yml; print every problem as file:line: field: message.",
      footer = ExitCodes.HELP_FOOTER + "%nExit 2 when the file has problems.")
  public static final class Validate extends BaseCommand implements WithoutElasticsearch {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        defaultValue = "sources.yml",
        description = "The sources file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() {
      IoErrors.requireReadableFile(config, "--config");
      List<ConfigError> errors = Configs.validate(config);
      if (errors.isEmpty()) {
        out().println(config + ": ok");
        return ExitCodes.OK;
      }
      errors.forEach(e -> err().println(e));
      err().println(config + ": " + errors.size() + " problem(s)");
      return ExitCodes.USAGE;
    }
  }

  /** {@code vigil sources list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "List the sources: id, type, schedule, limits, flag threshold (- : the model's) and"
              + " seeds.",
      footer = ExitCodes.HELP_FOOTER)
  public static final class ListSources extends BaseCommand implements WithoutElasticsearch {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        defaultValue = "sources.yml",
        description = "The sources file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(
        names = "--json",
        description =
            "One JSON object per source: id, type, schedule, timezone, max_depth, max_pages,"
                + " politeness_ms, flag_threshold (null: the model's), scoring, seeds.")
    boolean json;

    @Override
    public Integer call() {
      SourcesConfig loaded = loadConfig(config);
      if (json) {
        loaded.sources().forEach(s -> out().println(Json.line(toJson(s))));
        return ExitCodes.OK;
      }
      out()
          .printf(
              "%-24s %-8s %-24s %6s %8s %7s %-8s  %s%n",
              "ID", "TYPE", "SCHEDULE", "DEPTH", "PAGES", "FLAG AT", "SCORING", "SEEDS");
      for (Source s : loaded.sources()) {
        out()
            .printf(
                "%-24s %-8s %-24s %6d %8d %7s %-8s  %s%n",
                s.id(),
                s.type().configName(),
                s.schedule() == null
                    ? "-"
                    : s.schedule() + (s.timezone() == null ? "" : " " + s.timezone()),
                s.maxDepth(),
                s.maxPages(),
                s.flagThreshold() == null ? "-" : s.flagThreshold(),
                s.scoring().configName(),
                String.join(" ", s.seeds()));
      }
      return ExitCodes.OK;
    }

    private static Map<String, Object> toJson(Source s) {
      Map<String, Object> m = Json.object();
      m.put("id", s.id());
      m.put("type", s.type().configName());
      m.put("schedule", s.schedule());
      m.put("timezone", s.timezone());
      m.put("max_depth", s.maxDepth());
      m.put("max_pages", s.maxPages());
      m.put("politeness_ms", s.politenessMs());
      m.put("flag_threshold", s.flagThreshold());
      m.put("scoring", s.scoring().configName());
      m.put("seeds", s.seeds());
      return m;
    }
  }

  /** Loads a config or fails with exit 2 and the first problem. */
  static SourcesConfig loadConfig(Path config) {
    IoErrors.requireReadableFile(config, "--config");
    try {
      return Configs.load(config);
    } catch (ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
