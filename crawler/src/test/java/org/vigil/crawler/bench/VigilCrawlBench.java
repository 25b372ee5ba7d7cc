package org.vigil.crawler.bench;

import java.net.URI;
import java.util.List;
import org.vigil.crawler.CrawlLimits;
import org.vigil.crawler.CrawlResult;
import org.vigil.crawler.Crawler;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.Scope;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/**
 * Vigil's crawl stage alone (b): fetch, robots, extraction, fingerprints and dedup, state in an
 * in-memory SQLite; the sink does nothing. Arguments: base URL, threads.
 */
public final class VigilCrawlBench {
  private VigilCrawlBench() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int threads = Integer.parseInt(args[1]);
    String host = URI.create(base).getHost();
    Source source =
        new Source(
            "bench",
            SourceType.WEB,
            List.of(base + "/"),
            new Scope(List.of(host), List.of(), List.of()),
            20,
            1_000_000,
            0,
            null);
    SourcesConfig config =
        SourcesConfig.of(false, "VigilBench/1.0 (+https://example.org/bench)", List.of(source));
    CrawlLimits limits = CrawlLimits.defaults().withThreads(threads, 0);
    long start = System.nanoTime();
    CrawlResult result;
    try (Crawler crawler =
        Crawler.builder(config, source).limits(limits).sink(page -> {}).build()) {
      result = crawler.run();
    }
    long nanos = System.nanoTime() - start;
    if (result.failed() > 0) {
      System.err.println("failures: " + result.failuresByCause());
    }
    BenchResult.print("b-vigil-crawl", result.fetched(), nanos, threads);
  }
}
