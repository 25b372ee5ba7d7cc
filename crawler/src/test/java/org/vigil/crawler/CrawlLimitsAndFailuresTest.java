package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.model.CrawlListener;

/** max_pages, failing sinks and extractors, and progress reporting. */
class CrawlLimitsAndFailuresTest {
  static final String HOST = "site.test";

  TestSite site;
  String base;

  @BeforeEach
  void start() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
    site.html(
        "/", CrawlerBehaviourTest.page("Home", "Home page", "/1", "/2", "/3", "/4", "/5", "/nul"));
    for (int i = 1; i <= 5; i++) {
      site.html("/" + i, CrawlerBehaviourTest.page("P" + i, "Page text number " + i));
    }
    site.route(
        "/nul",
        (ex, r) ->
            TestSite.send(
                ex,
                200,
                "text/html",
                "<html>\u0000\u0001\u0002 binary \u0000 junk</html>"
                    .getBytes(StandardCharsets.UTF_8)));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void maxPagesEndsTheRunAsCompleted() throws IOException {
    Crawls.Run run =
        Crawls.crawl(
            Crawls.web("m", List.of(base + "/"), List.of(HOST), 1, 3),
            Crawls.FAST,
            false,
            null,
            HOST);
    assertThat(site.targets().stream().filter(t -> !t.equals("/robots.txt"))).hasSize(3);
    assertThat(run.result().completed()).isTrue();
  }

  @Test
  void aFailingSinkOrExtractorFailsOnlyThatPage() throws IOException {
    Crawls.Run run =
        Crawls.crawl(
            Crawls.web("f", List.of(base + "/"), List.of(HOST), 1, 100),
            Crawls.FAST,
            false,
            null,
            page -> {
              if (page.url().endsWith("/3")) {
                throw new IllegalStateException("classifier exploded");
              }
            },
            HOST);
    assertThat(run.urls())
        .contains(base + "/", base + "/1", base + "/2", base + "/4", base + "/5")
        .doesNotContain(base + "/3");
    assertThat(run.causes()).contains("sink:IllegalStateException", "extract:error");
    assertThat(run.result().failed()).isEqualTo(2);
    assertThat(run.result().fetched()).isEqualTo(5);
    assertThat(run.failures()).allSatisfy(f -> assertThat(f.detail()).doesNotContain("\n"));
  }

  @Test
  void aSinkPartThatCannotLoadFailsThatPageNotTheCrawl() throws IOException {
    Crawls.Run run =
        Crawls.crawl(
            Crawls.web("l", List.of(base + "/"), List.of(HOST), 1, 100),
            Crawls.FAST,
            false,
            null,
            page -> {
              if (page.url().endsWith("/3")) {
                throw new NoClassDefFoundError("ai/onnxruntime/OrtEnvironment");
              }
            },
            HOST);
    assertThat(run.causes()).contains("sink:NoClassDefFoundError");
    assertThat(run.failures())
        .anySatisfy(f -> assertThat(f.detail()).contains(base + "/3").contains("OrtEnvironment"));
    assertThat(run.result().fetched()).isEqualTo(5); // every other page, after the failure too
    assertThat(run.result().failed()).isEqualTo(2); // /3 and the page the extractor rejects
  }

  @Test
  void pagesTheSinkCouldNotMakeDurableAreRedoneByTheNextRun(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path state) throws IOException {
    var source = Crawls.web("d", List.of(base + "/"), List.of(HOST), 1, 100);
    SourcesConfig config = SourcesConfig.of(false, Crawls.UA, List.of(source));
    List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Crawler crawler =
        Crawler.builder(config, source)
            .limits(Crawls.FAST)
            .stateDir(state)
            .resolve(HOST, InetAddress.getLoopbackAddress())
            .sink(
                new org.vigil.model.PageSink() {
                  @Override
                  public void accept(org.vigil.model.CrawledPage page) {}

                  @Override
                  public void checkpoint() throws IOException {
                    throw new IOException("index unreachable and spool full");
                  }
                })
            .listener(
                new CrawlListener() {
                  @Override
                  public void onFailure(org.vigil.model.CrawlFailure f) {
                    failures.add(f.stage() + ":" + f.cause());
                  }
                })
            .build()) {
      crawler.run();
    }
    assertThat(failures).contains("sink:checkpoint");
    Crawls.Run again = Crawls.crawl(source, Crawls.FAST, false, state, HOST);
    // had the done marks (with content hashes) been saved, these would now be skipped as unchanged
    assertThat(again.urls()).contains(base + "/1", base + "/5");
  }

  @Test
  void progressIsReportedPeriodicallyAndAtTheEnd() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    AtomicLong lastFetched = new AtomicLong(-1);
    var source =
        Crawls.source(
            "p", org.vigil.model.SourceType.WEB, List.of(base + "/"), List.of(HOST), 1, 100, 30);
    SourcesConfig config = SourcesConfig.of(false, Crawls.UA, List.of(source));
    try (Crawler crawler =
        Crawler.builder(config, source)
            .limits(Crawls.FAST)
            .resolve(HOST, InetAddress.getLoopbackAddress())
            .progressInterval(20)
            .listener(
                new CrawlListener() {
                  @Override
                  public void onProgress(long fetched, long queued, long failed) {
                    calls.incrementAndGet();
                    lastFetched.set(fetched);
                  }
                })
            .build()) {
      CrawlResult result = crawler.run();
      assertThat(calls.get()).isGreaterThan(2);
      assertThat(lastFetched.get()).isEqualTo(result.fetched()).isEqualTo(6);
    }
  }
}
