package org.vigil.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.demo.DemoSite;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Pipeline;
import org.vigil.cli.internal.Pipelines;
import org.vigil.crawler.SourcesConfig;
import org.vigil.indexer.IndexerException;
import org.vigil.model.FlaggedItem;
import org.vigil.model.RunRecord;
import org.vigil.model.Scope;
import org.vigil.model.Source;
import org.vigil.model.SourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil demo}: the whole pipeline on the bundled demo site. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the bundled demo site on 127.0.0.1, crawl it with the real crawler, classify every"
          + " page with the active (else default) model, index flagged pages into Elasticsearch"
          + " (the embedded one unless --es/VIGIL_ES_URL), and print what was flagged.",
      "Running it again updates the same documents (stable ids): the count stays the same."
    },
    footer = ExitCodes.HELP_FOOTER)
public final class DemoCommand extends BaseCommand {

  /** A fixed port keeps the demo's URLs, hence its document ids, the same from run to run. */
  static final int DEFAULT_PORT = 47_800;

  /** The demo's source id: its items are the documents with this {@code vigil.source_id}. */
  static final String DEMO_SOURCE = "demo";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description = "Port of the demo site on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: active).")
  Path model;

  @Override
  public Integer call() throws IndexerException {
    Path state = tempStateDir();
    List<FlaggedItem> flagged = new CopyOnWriteArrayList<>();
    RunRecord run;
    long total;
    try (DemoSite site = startSite();
        Metrics metrics = Metrics.none(state);
        Pipeline pipeline = Pipelines.open(root(), err(), model, state, metrics)) {
      Source source =
          new Source(
              DEMO_SOURCE,
              SourceType.WEB,
              List.of(site.baseUrl() + "/"),
              new Scope(List.of("127.0.0.1"), List.of(), List.of()),
              6,
              500,
              0,
              null);
      SourcesConfig config = SourcesConfig.of(false, null, List.of(source));
      err().println("crawling the demo site at " + site.baseUrl() + "/ …");
      err().flush();
      pipeline.onFlagged(flagged::add);
      // The demo starts from an empty crawl state every time, so it cannot tell which pages an
      // earlier demo (perhaps with another model) flagged: it clears every unflagged page. The
      // site is small; a real crawl only clears pages its crawl state knew.
      pipeline.clearEveryUnflagged(true);
      run = pipeline.crawl(config, source, "demo");
      pipeline.checkpoint();
      pipeline.refresh();
      total = countDemoItems(pipeline);
    } finally {
      deleteRecursively(state);
    }
    printTable(flagged);
    out()
        .printf(
            Locale.ROOT,
            "%n%s%n%d page(s) crawled, %d flagged, %d indexed, %d spooled; %d demo item(s) in"
                + " the index.%n",
            CrawlCommand.summaryLine(run),
            run.stats().fetched(),
            run.stats().flagged(),
            run.stats().indexed(),
            run.stats().spooled(),
            total);
    out().println();
    out().println("Query them:");
    out().println("  ./vigil search '*'                      # every flagged item");
    out().println("  ./vigil search recruitment --json       # JSON lines");
    out().println("  ./vigil review --queue                  # what analysts should look at first");
    out().println("  Kibana: docker compose up -d, then open http://localhost:5601 (see README)");
    return run.status().equals("failed") ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private DemoSite startSite() {
    try {
      return DemoSite.start(port);
    } catch (IOException e) {
      throw CliException.usage(e.getMessage() + " (choose another with --port)");
    }
  }

  private long countDemoItems(Pipeline pipeline) throws IndexerException {
    // The demo source's items only: another crawl of 127.0.0.1 into this cluster is not the demo.
    return pipeline.count(
        org.vigil.indexer.SearchQuery.of("vigil.source_id:" + DEMO_SOURCE).withDomain("127.0.0.1"));
  }

  private void printTable(List<FlaggedItem> items) {
    List<FlaggedItem> sorted =
        items.stream()
            .sorted(Comparator.comparingDouble((FlaggedItem i) -> -i.classification().score()))
            .toList();
    out().printf("%-56s %-12s %5s  %s%n", "URL", "CATEGORY", "SCORE", "TOP EVIDENCE");
    for (FlaggedItem item : sorted) {
      out()
          .printf(
              Locale.ROOT,
              "%-56s %-12s %5.2f  %s%n",
              item.url(),
              item.classification().category(),
              item.classification().score(),
              SearchCommand.snippet(item.classification().topEvidence(), 90));
    }
    if (sorted.isEmpty()) {
      out().println("(nothing flagged)");
    }
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("vigil-demo-state-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temp directory is harmless.
    }
  }
}
