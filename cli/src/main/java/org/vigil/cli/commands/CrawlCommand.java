package org.vigil.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Json;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Pipeline;
import org.vigil.cli.internal.Pipelines;
import org.vigil.cli.internal.RunJson;
import org.vigil.cli.internal.Signals;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.CrawlStats;
import org.vigil.model.RunRecord;
import org.vigil.model.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil crawl}. */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = {
      "Crawl sources now: every new or changed page is classified, flagged pages are indexed into"
          + " Elasticsearch (or spooled when it is unreachable), and the run is recorded in the run"
          + " history (vigil runs).",
      "Prints a one-line summary per source; with --json the last stdout line is a JSON object"
          + " with "
          + RunJson.FIELDS
          + ", status and sources[] (the same per source, with run_id, source, trigger, started,"
          + " finished, status and error_summary).",
      "SIGINT/SIGTERM stop gracefully: in-flight pages finish, state is checkpointed, the next"
          + " run resumes."
    },
    footer = ExitCodes.HELP_FOOTER + "%nExit 3 when some pages failed or items were spooled.")
public final class CrawlCommand extends BaseCommand {
  @Mixin CrawlOptions options;

  @Option(
      names = "--source",
      paramLabel = "ID",
      description = "Crawl only this source (repeatable; default: all).")
  List<String> sourceIds;

  @Option(names = "--json", description = "End with a JSON summary line on stdout.")
  boolean json;

  @Override
  public Integer call() {
    SourcesConfig config = SourcesCommand.loadConfig(options.config);
    List<Source> sources = select(config);
    List<RunRecord> runs = new ArrayList<>();
    try (Metrics metrics = options.metrics(root());
        Pipeline pipeline =
            Pipelines.open(root(), err(), options.model, options.stateDir(root()), metrics);
        Signals signals = Signals.install(pipeline::stopAll, null)) {
      pipeline.threads(options.threads).progressTo(System.console() != null ? err() : null);
      for (Source source : sources) {
        RunRecord run = pipeline.crawl(config, source, "manual");
        runs.add(run);
        out().println(summaryLine(run));
        out().flush();
      }
    }
    CrawlStats total = total(runs);
    if (json) {
      Map<String, Object> j = RunJson.stats(total);
      j.put("sources", runs.stream().map(RunJson::of).toList());
      j.put("status", worst(runs));
      out().println(Json.line(j));
    }
    return exitCode(runs);
  }

  private List<Source> select(SourcesConfig config) {
    if (sourceIds == null || sourceIds.isEmpty()) {
      if (config.sources().isEmpty()) {
        throw CliException.usage(options.config + ": no sources");
      }
      return config.sources();
    }
    List<Source> selected = new ArrayList<>();
    for (String id : sourceIds) {
      selected.add(
          config
              .source(id)
              .orElseThrow(
                  () ->
                      CliException.usage(
                          "--source " + id + ": no such source in " + options.config)));
    }
    return selected;
  }

  static String summaryLine(RunRecord run) {
    CrawlStats s = run.stats();
    return String.format(
        Locale.ROOT,
        "crawl %s: %s, fetched %d, unsupported language %d, skipped %d (unchanged %d, duplicate %d,"
            + " same-canonical %d), failed %d, flagged %d, indexed %d, spooled %d, cleared %d,"
            + " gone %d in %.1f s%s",
        run.sourceId(),
        run.status(),
        s.fetched(),
        s.unsupportedLanguage(),
        s.skipped(),
        s.unchanged(),
        s.duplicate(),
        s.sameCanonical(),
        s.failed(),
        s.flagged(),
        s.indexed(),
        s.spooled(),
        s.cleared(),
        s.gone(),
        s.durationMs() / 1000.0,
        run.errorSummary().isEmpty() ? "" : " (" + run.errorSummary() + ")");
  }

  static CrawlStats total(List<RunRecord> runs) {
    long f = 0, sk = 0, fa = 0, fl = 0, in = 0, sp = 0, cl = 0, g = 0, d = 0;
    long un = 0, du = 0, sc = 0, ul = 0;
    Map<String, Long> causes = new java.util.TreeMap<>();
    for (RunRecord r : runs) {
      CrawlStats s = r.stats();
      f += s.fetched();
      sk += s.skipped();
      fa += s.failed();
      fl += s.flagged();
      in += s.indexed();
      sp += s.spooled();
      cl += s.cleared();
      g += s.gone();
      d += s.durationMs();
      un += s.unchanged();
      du += s.duplicate();
      sc += s.sameCanonical();
      ul += s.unsupportedLanguage();
      s.failuresByCause().forEach((k, v) -> causes.merge(k, v, Long::sum));
    }
    return new CrawlStats(f, sk, fa, fl, in, sp, cl, g, d, causes, un, du, sc, ul);
  }

  static String worst(List<RunRecord> runs) {
    for (String status : new String[] {"failed", "partial", "interrupted"}) {
      if (runs.stream().anyMatch(r -> r.status().equals(status))) {
        return status;
      }
    }
    return "ok";
  }

  static int exitCode(List<RunRecord> runs) {
    return switch (worst(runs)) {
      case "failed" -> ExitCodes.FAILED;
      case "partial" -> ExitCodes.PARTIAL;
      default -> ExitCodes.OK;
    };
  }
}
