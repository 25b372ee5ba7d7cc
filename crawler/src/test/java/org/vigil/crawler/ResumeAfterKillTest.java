package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/** A crawl killed with SIGKILL in a child JVM resumes from its saved frontier. */
class ResumeAfterKillTest {
  static final String HOST = "site.test";
  static final int PAGES = 80;

  static Source source(String base) {
    return Crawls.source(
        "resume", SourceType.WEB, List.of(base + "/"), List.of(HOST), 3, 1_000, 25);
  }

  @Test
  void killedCrawlResumesWithoutRedoingCheckpointedPages(@TempDir Path tmp) throws Exception {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      java.util.concurrent.atomic.AtomicBoolean slow =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger served =
          new java.util.concurrent.atomic.AtomicInteger();
      List<String> sections = new ArrayList<>();
      for (int s = 0; s < 8; s++) {
        sections.add("/s" + s);
        List<String> children = new ArrayList<>();
        for (int p = 0; p < PAGES / 8; p++) {
          String path = "/s" + s + "/p" + p;
          children.add(path);
          String html =
              CrawlerBehaviourTest.page("Page " + s + "-" + p, "Article " + s + " " + p + " body");
          site.route(
              path,
              (ex, r) -> {
                if (slow.get() && served.incrementAndGet() > 30) {
                  CrawlerBehaviourTest.sleep(150); // the child cannot finish before it is killed
                }
                TestSite.send(
                    ex, 200, "text/html", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
              });
        }
        site.html(
            "/s" + s,
            CrawlerBehaviourTest.page(
                "Section " + s, "Section " + s + " index", children.toArray(String[]::new)));
      }
      site.html(
          "/", CrawlerBehaviourTest.page("Home", "Home page", sections.toArray(String[]::new)));
      Set<String> all = new HashSet<>();
      site.requests().clear();
      for (String path : site.routesForTest()) {
        all.add(base + path);
      }

      Path state = tmp.resolve("state");
      Path log = tmp.resolve("accepted.log");
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ResumeChild.class.getName(),
                  base,
                  state.toString(),
                  log.toString())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("child.out").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((checkpoints(log) < 3 || accepted(log) < 10)
          && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(child.isAlive())
          .as("child still crawling when killed: " + Files.readString(tmp.resolve("child.out")))
          .isTrue();
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      int requestsAtKill = site.requests().size();
      slow.set(false);

      List<String> lines = Files.readAllLines(log);
      List<String> firstRun = lines.stream().filter(l -> !l.equals("CHECKPOINT")).toList();
      // Pages accepted before the second-to-last checkpoint were committed before the last one
      // began.
      int lastButOne = nthLastCheckpoint(lines, 2);
      Set<String> committed = new HashSet<>(lines.subList(0, lastButOne));
      committed.remove("CHECKPOINT");
      assertThat(committed).isNotEmpty();
      assertThat(firstRun.size()).isLessThan(all.size());

      Crawls.Run resumed = Crawls.crawl(source(base), Crawls.FAST, false, state, HOST);
      List<String> after =
          site.requests().subList(requestsAtKill, site.requests().size()).stream()
              .map(TestSite.Req::target)
              .toList();
      assertThat(resumed.result().completed()).isTrue();
      assertThat(after).doesNotContain("/"); // continued, not restarted
      for (String url : committed) {
        assertThat(after).as("re-requested " + url).doesNotContain(url.substring(base.length()));
      }
      Set<String> union = new HashSet<>(firstRun);
      union.addAll(resumed.urls());
      assertThat(union).isEqualTo(all);
      assertThat(resumed.urls()).doesNotContainAnyElementsOf(committed);
    }
  }

  private static int checkpoints(Path log) throws java.io.IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    return (int) Files.readAllLines(log).stream().filter(l -> l.equals("CHECKPOINT")).count();
  }

  private static long accepted(Path log) throws java.io.IOException {
    return Files.exists(log)
        ? Files.readAllLines(log).stream().filter(l -> !l.equals("CHECKPOINT")).count()
        : 0;
  }

  private static int nthLastCheckpoint(List<String> lines, int n) {
    int seen = 0;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).equals("CHECKPOINT") && ++seen == n) {
        return i;
      }
    }
    return 0;
  }
}
