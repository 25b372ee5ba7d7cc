package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CrawledPage;
import org.vigil.model.PageSink;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/**
 * The scenario, scaled: a crawl of ~60 pages/s (8 threads, politeness 0, the default
 * checkpoint interval) killed with SIGKILL after ~1,000 fetches re-fetches at most 5 % of them when
 * it resumes, because it checkpoints at least every 0.5 s.
 */
class ResumeBoundTest {
  static final String HOST = "site.test";
  static final int SECTIONS = 40;
  static final int PER_SECTION = 40;
  static final int KILL_AT = 1_000;

  static Source source(String base) {
    return Crawls.source(
        "bound", SourceType.WEB, List.of(base + "/"), List.of(HOST), 3, 100_000, 0);
  }

  @Test
  void aKilledCrawlReFetchesAtMostFivePercentOfItsPages(@TempDir Path tmp) throws Exception {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      AtomicBoolean slow = new AtomicBoolean(true);
      List<String> sections = new ArrayList<>();
      for (int s = 0; s < SECTIONS; s++) {
        List<String> children = new ArrayList<>();
        for (int p = 0; p < PER_SECTION; p++) {
          String path = "/s" + s + "/p" + p;
          children.add(path);
          byte[] html =
              CrawlerBehaviourTest.page("Page " + s + "-" + p, "Article " + s + " " + p + " body")
                  .getBytes(StandardCharsets.UTF_8);
          site.route(
              path,
              (ex, r) -> {
                if (slow.get()) {
                  CrawlerBehaviourTest.sleep(15); // one host, one request at a time: ~60 pages/s
                }
                TestSite.send(ex, 200, "text/html", html);
              });
        }
        sections.add("/s" + s);
        site.html(
            "/s" + s,
            CrawlerBehaviourTest.page(
                "Section " + s, "Section " + s + " index", children.toArray(String[]::new)));
      }
      site.html(
          "/", CrawlerBehaviourTest.page("Home", "Home page", sections.toArray(String[]::new)));

      Path state = tmp.resolve("state");
      Path log = tmp.resolve("checkpoints.log");
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Child.class.getName(),
                  base,
                  state.toString(),
                  log.toString())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("child.out").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (pageRequests(site) <= KILL_AT && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(child.isAlive())
          .as("child still crawling when killed: " + Files.readString(tmp.resolve("child.out")))
          .isTrue();
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      slow.set(false);
      List<TestSite.Req> firstRun = List.copyOf(site.requests());
      Set<String> before = pages(firstRun);

      // The child's checkpoints: at least every ~0.5 s (the bound holds at any pace).
      List<Long> times =
          Files.readAllLines(log).stream().map(String::strip).map(Long::parseLong).toList();
      assertThat(times.size()).isGreaterThan(5);
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - 1)).as("checkpoint gap " + i).isLessThan(700);
      }

      Crawls.Run resumed = Crawls.crawl(source(base), Crawls.FAST, false, state, HOST);
      assertThat(resumed.result().completed()).isTrue();
      List<TestSite.Req> all = List.copyOf(site.requests());
      Set<String> again = new HashSet<>(pages(all.subList(firstRun.size(), all.size())));
      again.retainAll(before);
      System.out.printf(
          "resume after SIGKILL: %d of %d pages fetched again (%d checkpoints)%n",
          again.size(), before.size(), times.size());
      assertThat(before.size()).isGreaterThanOrEqualTo(KILL_AT - 8); // a few may be in flight
      assertThat(again.size())
          .as("fetched again after the kill, of " + before.size())
          .isLessThanOrEqualTo(before.size() * 5 / 100);
      Set<String> union = new HashSet<>(before);
      union.addAll(pages(all));
      assertThat(union).hasSize(1 + SECTIONS + SECTIONS * PER_SECTION);
    }
  }

  /** Requests so far (robots.txt included: one more than the pages). */
  private static long pageRequests(TestSite site) {
    return site.requests().size();
  }

  private static Set<String> pages(List<TestSite.Req> reqs) {
    Set<String> out = new HashSet<>();
    for (TestSite.Req r : reqs) {
      if (!r.target().equals("/robots.txt")) {
        out.add(r.target());
      }
    }
    return out;
  }

  /** The crawl that is killed: default checkpoint interval; logs each checkpoint's time. */
  public static final class Child {
    private Child() {}

    /** Arguments: base URL, state dir, log file. */
    public static void main(String[] args) throws IOException {
      Source source = source(args[0]);
      SourcesConfig config = SourcesConfig.of(false, Crawls.UA, List.of(source));
      try (FileChannel log =
              FileChannel.open(
                  Path.of(args[2]),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          Crawler crawler =
              Crawler.builder(config, source)
                  .limits(Crawls.FAST.withThreads(8, 0))
                  .stateDir(Path.of(args[1]))
                  .resolve(HOST, InetAddress.getLoopbackAddress())
                  .sink(
                      new PageSink() {
                        @Override
                        public void accept(CrawledPage page) {}

                        @Override
                        public synchronized void checkpoint() throws IOException {
                          log.write(
                              ByteBuffer.wrap(
                                  (System.currentTimeMillis() + "\n")
                                      .getBytes(StandardCharsets.UTF_8)));
                        }
                      })
                  .build()) {
        crawler.run();
      }
    }
  }
}
