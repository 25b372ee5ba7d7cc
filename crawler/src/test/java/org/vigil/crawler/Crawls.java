package org.vigil.crawler;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vigil.model.CrawlFailure;
import org.vigil.model.CrawlListener;
import org.vigil.model.CrawledPage;
import org.vigil.model.PageSink;
import org.vigil.model.Scope;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/** Runs crawls against a {@link TestSite} and records what came out. */
final class Crawls {
  static final String UA = "VigilTestBot/1.0 (+https://example.org/contact)";

  /** Limits small enough for tests: short timeouts, one quick retry, two threads. */
  static final CrawlLimits FAST =
      CrawlLimits.defaults()
          .withTimeouts(1_000, 500, 2_000)
          .withRetries(1, 20, 2_000)
          .withThreads(2, 0)
          .withMaxBytes(256 * 1024, true);

  /** What one crawl produced. */
  record Run(CrawlResult result, List<CrawledPage> pages, List<CrawlFailure> failures) {
    List<String> urls() {
      return pages.stream().map(CrawledPage::url).toList();
    }

    List<String> causes() {
      return failures.stream().map(f -> f.stage() + ":" + f.cause()).toList();
    }

    CrawledPage page(String url) {
      return pages.stream()
          .filter(p -> p.url().equals(url))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no page " + url + " in " + urls()));
    }
  }

  private Crawls() {}

  static Source web(String id, List<String> seeds, List<String> hosts, int maxDepth, int maxPages) {
    return source(id, SourceType.WEB, seeds, hosts, maxDepth, maxPages, 0);
  }

  static Source source(
      String id,
      SourceType type,
      List<String> seeds,
      List<String> hosts,
      int maxDepth,
      int maxPages,
      long politenessMs) {
    return new Source(
        id,
        type,
        seeds,
        new Scope(hosts, List.of(), List.of()),
        maxDepth,
        maxPages,
        politenessMs,
        null);
  }

  static Run crawl(
      Source source, CrawlLimits limits, boolean allowPrivate, Path stateDir, String... hosts)
      throws IOException {
    return crawl(source, limits, allowPrivate, stateDir, page -> {}, hosts);
  }

  static Run crawl(
      Source source,
      CrawlLimits limits,
      boolean allowPrivate,
      Path stateDir,
      PageSink extra,
      String... hosts)
      throws IOException {
    return crawl(source, limits, allowPrivate, stateDir, extra, builder -> {}, hosts);
  }

  /** A crawl whose builder {@code configure} adjusts further (e.g. a sink version). */
  static Run crawl(
      Source source,
      CrawlLimits limits,
      boolean allowPrivate,
      Path stateDir,
      PageSink extra,
      java.util.function.Consumer<Crawler.Builder> configure,
      String... hosts)
      throws IOException {
    List<CrawledPage> pages = new CopyOnWriteArrayList<>();
    List<CrawlFailure> failures = new CopyOnWriteArrayList<>();
    SourcesConfig config =
        SourcesConfig.of(allowPrivate, UA, List.of(source), Map.of(source.id(), limits));
    Crawler.Builder builder =
        Crawler.builder(config, source)
            .sink(
                new PageSink() {
                  @Override
                  public void accept(CrawledPage page) throws Exception {
                    extra.accept(page);
                    pages.add(page);
                  }

                  @Override
                  public void gone(org.vigil.model.GonePage page) throws Exception {
                    extra.gone(page);
                  }

                  @Override
                  public void copy(org.vigil.model.CopiedPage page) throws Exception {
                    extra.copy(page);
                  }

                  @Override
                  public void checkpoint() throws Exception {
                    extra.checkpoint();
                  }
                })
            .listener(
                new CrawlListener() {
                  @Override
                  public void onFailure(CrawlFailure failure) {
                    failures.add(failure);
                  }
                });
    if (stateDir != null) {
      builder.stateDir(stateDir);
    }
    configure.accept(builder);
    for (String host : hosts) {
      builder.resolve(host, InetAddress.getLoopbackAddress());
    }
    try (Crawler crawler = builder.build()) {
      CrawlResult result = crawler.run();
      return new Run(result, pages, failures);
    }
  }
}
