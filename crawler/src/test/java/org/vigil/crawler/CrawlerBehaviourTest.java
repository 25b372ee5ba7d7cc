package org.vigil.crawler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CrawledPage;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/** One behaviour per test against a real local server; each asserts what was (not) requested. */
class CrawlerBehaviourTest {
  static final String HOST = "site.test";

  TestSite site;
  String base;

  @BeforeEach
  void start() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  static String page(String title, String text, String... links) {
    StringBuilder html =
        new StringBuilder("<!doctype html><html lang=en><head><title>")
            .append(title)
            .append("</title></head><body><nav>");
    for (String link : links) {
      html.append("<a href=\"").append(link).append("\">").append(link).append("</a> ");
    }
    html.append("</nav><article><h1>").append(title).append("</h1>");
    for (int i = 0; i < 3; i++) {
      html.append("<p>")
          .append(text)
          .append(" Paragraph ")
          .append(i)
          .append(" adds enough words for the extractor to see real content here.</p>");
    }
    return html.append("</article></body></html>").toString();
  }

  Source web(int depth, int pages, String... seeds) {
    return Crawls.web("t", List.of(seeds), List.of(HOST), depth, pages);
  }

  Crawls.Run crawl(Source source) throws IOException {
    return Crawls.crawl(source, Crawls.FAST, false, null, HOST);
  }

  @Test
  void robotsRulesAreObeyedIncludingWildcardsAndEndAnchors() throws IOException {
    site.text(
            "/robots.txt",
            "text/plain",
            "User-agent: *\nDisallow: /\n\n"
                + "User-agent: VigilTestBot\nDisallow: /private/\nAllow: /private/open\n"
                + "Disallow: /*.pdf$\nDisallow: /*?sort=\nDisallow: /exact$\n")
        .html(
            "/",
            page(
                "Home",
                "Welcome home",
                "/private/secret",
                "/private/open",
                "/doc.pdf",
                "/doc.pdf.html",
                "/list?sort=asc",
                "/exact",
                "/exact/more"))
        .html("/private/open", page("Open", "Open private page"))
        .html("/doc.pdf.html", page("Doc", "Document as html"))
        .html("/exact/more", page("More", "Exact more page"));
    Crawls.Run run = crawl(web(2, 100, base + "/"));
    assertThat(site.targets(HOST))
        .contains("/robots.txt", "/", "/private/open", "/doc.pdf.html", "/exact/more")
        .doesNotContain("/private/secret", "/doc.pdf", "/list?sort=asc", "/exact");
    assertThat(site.count("/robots.txt")).isEqualTo(1); // cached per host
    assertThat(run.causes()).filteredOn(c -> c.equals("robots:disallowed")).hasSize(4);
    assertThat(run.result().failed()).isZero();
  }

  @Test
  void crawlDelayRaisesThePerHostGapAcrossThreads() throws IOException {
    site.text("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 0.25\n")
        .html("/", page("Home", "Home text", "/a", "/b", "/c"))
        .html("/a", page("A", "Page a text"))
        .html("/b", page("B", "Page b text"))
        .html("/c", page("C", "Page c text"));
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.pages()).hasSize(4);
    List<TestSite.Req> pages =
        site.requests().stream().filter(r -> !r.target().equals("/robots.txt")).toList();
    for (int i = 1; i < pages.size(); i++) {
      long gapMs = (pages.get(i).nanos() - pages.get(i - 1).nanos()) / 1_000_000;
      assertThat(gapMs).as("gap before " + pages.get(i).target()).isGreaterThanOrEqualTo(240);
    }
  }

  @Test
  void politenessHoldsPerHostWhileOtherHostsProceed() throws IOException {
    site.html(
            "/",
            page("Home", "Home text", "/1", "/2", "/3", base.replace(HOST, "b." + HOST) + "/x"))
        .html("/1", page("1", "one"))
        .html("/2", page("2", "two"))
        .html("/3", page("3", "three"))
        .html("/x", page("X", "other host"));
    Source source =
        Crawls.source(
            "t", SourceType.WEB, List.of(base + "/"), List.of(HOST, "b." + HOST), 1, 100, 200);
    Crawls.Run run =
        Crawls.crawl(source, Crawls.FAST.withThreads(4, 0), false, null, HOST, "b." + HOST);
    assertThat(run.pages()).hasSize(5);
    List<TestSite.Req> main =
        site.requests().stream()
            .filter(r -> r.host().equals(HOST) && !r.target().equals("/robots.txt"))
            .toList();
    for (int i = 1; i < main.size(); i++) {
      assertThat((main.get(i).nanos() - main.get(i - 1).nanos()) / 1_000_000)
          .isGreaterThanOrEqualTo(190);
    }
    assertThat(site.targets("b." + HOST)).contains("/x");
  }

  /**
   * A robots.txt allowing everything on {@code HOST}, and {@code status} with {@code rules} on
   * other hosts.
   */
  private static TestSite.Handler robots(int status, String rules) {
    return (ex, r) ->
        TestSite.send(
            ex,
            r.host().equals(HOST) ? 200 : status,
            "text/plain",
            (r.host().equals(HOST) ? "User-agent: *\nAllow: /\n" : rules).getBytes(UTF_8));
  }

  @Test
  void aRedirectToAnotherHostWaitsForThatHostsPolitenessGapAndObeysItsRobots() throws IOException {
    String other = "b." + HOST;
    String otherBase = site.base(other);
    site.route("/robots.txt", robots(200, "User-agent: *\nDisallow: /private\n"))
        .html(
            "/",
            page(
                "Home",
                "Home text",
                "/go",
                "/go-private",
                otherBase + "/x1",
                otherBase + "/x2",
                otherBase + "/x3"))
        .redirect("/go", 302, otherBase + "/target")
        .redirect("/go-private", 302, otherBase + "/private")
        .html("/x1", page("X1", "first page of the other host"))
        .html("/x2", page("X2", "second page of the other host"))
        .html("/x3", page("X3", "third page of the other host"))
        .html("/target", page("Target", "where the redirect leads"))
        .html("/private", page("Private", "robots.txt of the other host disallows this"));
    Source source =
        Crawls.source("t", SourceType.WEB, List.of(base + "/"), List.of(HOST, other), 1, 100, 300);
    Crawls.Run run = Crawls.crawl(source, Crawls.FAST.withThreads(4, 0), false, null, HOST, other);

    assertThat(run.urls()).contains(otherBase + "/target", otherBase + "/x3");
    // Every request to the other host, the redirect hop included, waited for its gap; the hop
    // from site.test is due while the other host is busy with its own queue.
    List<TestSite.Req> toOther =
        site.requests().stream()
            .filter(r -> r.host().equals(other) && !r.target().equals("/robots.txt"))
            .toList();
    assertThat(toOther).extracting(TestSite.Req::target).contains("/target", "/x1", "/x2");
    for (int i = 1; i < toOther.size(); i++) {
      assertThat((toOther.get(i).nanos() - toOther.get(i - 1).nanos()) / 1_000_000)
          .as("gap before %s on %s", toOther.get(i).target(), other)
          .isGreaterThanOrEqualTo(290);
    }
    assertThat(site.targets(other)).doesNotContain("/private");
    assertThat(run.causes()).contains("robots:disallowed");
  }

  @Test
  void aRedirectToAHostWhoseRobotsTxtFailsIsRecordedAsRobotsUnavailable() throws IOException {
    String other = "b." + HOST;
    String otherBase = site.base(other);
    site.route("/robots.txt", robots(503, "")) // disallows its host for the run
        .html("/", page("Home", "Home text", "/go"))
        .redirect("/go", 302, otherBase + "/target")
        .html("/target", page("Target", "behind a robots.txt that fails"));
    Source source =
        Crawls.source("t", SourceType.WEB, List.of(base + "/"), List.of(HOST, other), 1, 100, 0);
    Crawls.Run run = Crawls.crawl(source, Crawls.FAST, false, null, HOST, other);

    assertThat(site.targets(other)).doesNotContain("/target");
    // the same cause as a page of that host gets, not "disallowed": its rules were never read
    assertThat(run.causes()).contains("robots:unavailable").doesNotContain("robots:disallowed");
  }

  @Test
  void aRobotsTxtRedirectToAnotherHostWaitsForThatHostsGapAndItsRulesApplyToTheFirstHost()
      throws IOException {
    String other = "b." + HOST;
    String otherBase = site.base(other);
    site.route(
            "/robots.txt",
            (ex, r) -> {
              if (r.host().equals(HOST)) {
                sleep(100); // the hop comes while the other host is busy with its own pages
                ex.getResponseHeaders().add("Location", otherBase + "/shared-robots.txt");
                TestSite.send(ex, 301, "text/plain", new byte[0]);
              } else {
                TestSite.send(ex, 200, "text/plain", "User-agent: *\nAllow: /\n".getBytes(UTF_8));
              }
            })
        .text("/shared-robots.txt", "text/plain", "User-agent: *\nDisallow: /secret\n")
        .html("/", page("Home", "Home text", "/open", "/secret"))
        .html("/open", page("Open", "A page the shared robots.txt allows"))
        .html("/secret", page("Secret", "A page the shared robots.txt disallows"))
        .html("/x0", page("X0", "first page of the other host", "/x1", "/x2"))
        .html("/x1", page("X1", "second page of the other host"))
        .html("/x2", page("X2", "third page of the other host"));
    Source source =
        Crawls.source(
            "t",
            SourceType.WEB,
            List.of(otherBase + "/x0", base + "/"),
            List.of(HOST, other),
            1,
            100,
            300);
    Crawls.Run run = Crawls.crawl(source, Crawls.FAST.withThreads(4, 0), false, null, HOST, other);

    // RFC 9309: the rules reached through the redirect are those of the host that was asked.
    assertThat(run.urls()).contains(base + "/open", otherBase + "/x2");
    assertThat(site.targets(HOST)).doesNotContain("/secret");
    assertThat(run.causes()).contains("robots:disallowed");
    // The hop to the other host waited for its gap like any request to it (its own robots.txt
    // goes with its first page, as on every host).
    List<TestSite.Req> toOther =
        site.requests().stream()
            .filter(r -> r.host().equals(other) && !r.target().equals("/robots.txt"))
            .toList();
    assertThat(toOther).extracting(TestSite.Req::target).contains("/shared-robots.txt", "/x0");
    for (int i = 1; i < toOther.size(); i++) {
      assertThat((toOther.get(i).nanos() - toOther.get(i - 1).nanos()) / 1_000_000)
          .as("gap before %s on %s", toOther.get(i).target(), other)
          .isGreaterThanOrEqualTo(290);
    }
    // Back on the first host, its page waited for its gap after its robots.txt.
    List<TestSite.Req> toFirst =
        site.requests().stream().filter(r -> r.host().equals(HOST)).toList();
    assertThat(toFirst).extracting(TestSite.Req::target).startsWith("/robots.txt", "/");
    for (int i = 1; i < toFirst.size(); i++) {
      assertThat((toFirst.get(i).nanos() - toFirst.get(i - 1).nanos()) / 1_000_000)
          .as("gap before %s on %s", toFirst.get(i).target(), HOST)
          .isGreaterThanOrEqualTo(290);
    }
  }

  @Test
  void robotsTxtFilesRedirectingToEachOthersHostDoNotDeadlockTheWorkers() {
    String other = "b." + HOST;
    String otherBase = site.base(other);
    java.util.concurrent.CountDownLatch bothAsked = new java.util.concurrent.CountDownLatch(2);
    site.route(
            "/robots.txt",
            (ex, r) -> {
              // Both robots.txt requests are in flight at once, and both redirect to the other
              // host: each fetching worker gives its host up for the hop while idle workers wait
              // to take that host's next URL and need its (pending) rules.
              bothAsked.countDown();
              try {
                bothAsked.await(5, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              String target = r.host().equals(HOST) ? otherBase + "/r1.txt" : base + "/r2.txt";
              ex.getResponseHeaders().add("Location", target);
              TestSite.send(ex, 302, "text/plain", new byte[0]);
            })
        .text("/r1.txt", "text/plain", "User-agent: *\nAllow: /\n")
        .text("/r2.txt", "text/plain", "User-agent: *\nAllow: /\n");
    List<String> seeds = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      site.html("/p" + i, page("P" + i, "Page number " + i + " of either host"));
      seeds.add(base + "/p" + i);
      seeds.add(otherBase + "/p" + i);
    }
    Source source = Crawls.source("t", SourceType.WEB, seeds, List.of(HOST, other), 0, 100, 0);
    Crawls.Run run =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(30),
            () -> Crawls.crawl(source, Crawls.FAST.withThreads(8, 0), false, null, HOST, other));
    assertThat(run.result().completed()).isTrue();
    assertThat(run.result().failed()).isZero();
    assertThat(site.count("/r1.txt")).isEqualTo(1);
    assertThat(site.count("/r2.txt")).isEqualTo(1);
  }

  @Test
  void redirectChainsAreFollowedLoopsAndLongChainsAreNot() throws IOException {
    site.html("/", page("Home", "Home text", "/r1", "/loop-a", "/long0"))
        .redirect("/r1", 301, "/r2")
        .redirect("/r2", 302, base + "/r3")
        .redirect("/r3", 307, "/final")
        .html("/final", page("Final", "Final destination text"))
        .redirect("/loop-a", 302, "/loop-b")
        .redirect("/loop-b", 302, "/loop-a");
    for (int i = 0; i < 10; i++) {
      site.redirect("/long" + i, 302, "/long" + (i + 1));
    }
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.urls()).contains(base + "/final");
    assertThat(run.causes()).contains("fetch:redirect-loop", "limit:too-many-redirects");
    assertThat(site.count("/loop-a")).isEqualTo(1);
    assertThat(site.count("/loop-b")).isEqualTo(1);
    assertThat(site.targets()).contains("/long5").doesNotContain("/long6", "/long7");
  }

  @Test
  void httpErrorsAreRecordedAndRetryAfterSlowsTheHost() throws IOException {
    AtomicInteger busy = new AtomicInteger();
    site.html("/", page("Home", "Home text", "/missing", "/broken", "/busy"))
        .route(
            "/broken",
            (ex, r) -> TestSite.send(ex, 500, "text/html", "oops".getBytes(StandardCharsets.UTF_8)))
        .route(
            "/busy",
            (ex, r) -> {
              if (busy.getAndIncrement() == 0) {
                ex.getResponseHeaders().add("Retry-After", "1");
                TestSite.send(ex, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
              } else {
                TestSite.send(
                    ex,
                    200,
                    "text/html",
                    page("Busy", "Busy page finally served").getBytes(StandardCharsets.UTF_8));
              }
            });
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.causes()).contains("fetch:http-404", "fetch:http-500");
    assertThat(site.count("/missing")).isEqualTo(1); // 404 is not retried
    assertThat(site.count("/broken")).isEqualTo(2); // one retry (max_retries 1)
    assertThat(run.urls()).contains(base + "/busy");
    List<TestSite.Req> busyReqs =
        site.requests().stream().filter(r -> r.target().equals("/busy")).toList();
    assertThat(busyReqs).hasSize(2);
    assertThat((busyReqs.get(1).nanos() - busyReqs.get(0).nanos()) / 1_000_000)
        .isGreaterThanOrEqualTo(950);
    assertThat(run.result().failuresByCause()).containsEntry("fetch:http-500", 1L);
    assertThat(run.result().failed()).isEqualTo(2);
  }

  @Test
  void slowResponsesTimeOutAndSlowDripIsCutByTheTotalTimeout() throws IOException {
    site.html("/", page("Home", "Home text", "/slow", "/drip"))
        .route(
            "/slow",
            (ex, r) -> {
              sleep(1_500);
              TestSite.send(
                  ex, 200, "text/html", page("Slow", "late").getBytes(StandardCharsets.UTF_8));
            })
        .route(
            "/drip",
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Type", "text/html");
              ex.sendResponseHeaders(200, 0);
              OutputStream out = ex.getResponseBody();
              for (int i = 0; i < 100; i++) { // 100 bytes, one per 100 ms: read timeout never fires
                out.write('a');
                out.flush();
                sleep(100);
              }
              out.close();
            });
    long start = System.nanoTime();
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.causes()).filteredOn(c -> c.equals("fetch:timeout")).hasSize(2);
    assertThat(site.count("/slow")).isEqualTo(2);
    assertThat(site.count("/drip")).isEqualTo(2);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
  }

  @Test
  void hugePagesAreTruncatedOrSkippedAndBinariesAreNotDownloaded() throws IOException {
    byte[] huge = page("Huge", "x".repeat(3_000_000)).getBytes(StandardCharsets.UTF_8);
    AtomicLong binaryWritten = new AtomicLong();
    site.html("/", page("Home", "Home text", "/huge", "/file.bin", "/image.png"))
        .route("/huge", (ex, r) -> TestSite.send(ex, 200, "text/html", huge))
        .route("/image.png", (ex, r) -> TestSite.send(ex, 200, "image/png", new byte[100]))
        .route(
            "/file.bin",
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
              ex.sendResponseHeaders(200, 50_000_000L);
              byte[] chunk = new byte[64 * 1024];
              OutputStream out = ex.getResponseBody();
              for (int i = 0; i < 50_000_000 / chunk.length; i++) {
                out.write(chunk);
                binaryWritten.addAndGet(chunk.length);
              }
              out.close();
            });
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.causes())
        .contains("limit:truncated")
        .filteredOn(c -> c.equals("limit:content-type"))
        .hasSize(2);
    assertThat(run.urls()).contains(base + "/huge");
    assertThat(binaryWritten.get()).isLessThan(20_000_000L); // the download was aborted
    assertThat(site.count("/file.bin")).isEqualTo(1);

    site.requests().clear();
    Crawls.Run skip =
        Crawls.crawl(
            web(1, 100, base + "/"), Crawls.FAST.withMaxBytes(64 * 1024, false), false, null, HOST);
    assertThat(skip.urls()).doesNotContain(base + "/huge");
    assertThat(skip.causes()).contains("limit:too-large");
  }

  @Test
  void gzipBombIsStoppedAtTheByteLimit() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros); // 64 MiB of zeros: ~64 KB compressed
      }
    }
    byte[] gzipped = bomb.toByteArray();
    site.html("/", page("Home", "Home text", "/bomb"))
        .route(
            "/bomb",
            (ex, r) -> {
              ex.getResponseHeaders().set("Content-Encoding", "gzip");
              TestSite.send(ex, 200, "text/html", gzipped);
            });
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.causes()).contains("limit:decompression-bomb");
    assertThat(run.urls()).doesNotContain(base + "/bomb");
    assertThat(site.count("/bomb")).isEqualTo(1);
    assertThat(site.requests().get(0).headers().get("Accept-Encoding")).contains("gzip");
  }

  @Test
  void gzippedPagesWithinLimitsAreDecoded() throws IOException {
    byte[] html = page("Zipped", "Compressed page text", "/").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(html);
    }
    site.route(
        "/",
        (ex, r) -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          TestSite.send(ex, 200, "text/html; charset=utf-8", buf.toByteArray());
        });
    Crawls.Run run = crawl(web(0, 10, base + "/"));
    assertThat(run.page(base + "/").content().text()).contains("Compressed page text");
  }

  @Test
  void malformedHtmlStillYieldsTextAndLinks() throws IOException {
    site.route(
            "/",
            (ex, r) ->
                TestSite.send(
                    ex,
                    200,
                    "text/html",
                    ("<html><head><title>Broken<body><div><p>Unclosed paragraph with real words in it for the"
                            + " extractor <a href=/next>next<table><tr><td>cell <p>more words follow here in"
                            + " this broken document</b></i></html></html><<<>>>&#0;&bogus;")
                        .getBytes(StandardCharsets.UTF_8)))
        .html("/next", page("Next", "The next page"));
    Crawls.Run run = crawl(web(1, 10, base + "/"));
    assertThat(site.targets()).contains("/next");
    assertThat(run.urls()).contains(base + "/next");
  }

  @Test
  void cyrillicInWindows1251AndUtf8IsPassedAlongAndDecoded() throws IOException {
    String text =
        "Привет, мир. Это тестовая страница на русском языке с достаточным количеством слов.";
    Charset cp1251 = Charset.forName("windows-1251");
    site.html("/", page("Home", "Home text", "/cp1251", "/utf8"))
        .route(
            "/cp1251",
            (ex, r) ->
                TestSite.send(
                    ex,
                    200,
                    "text/html; charset=windows-1251",
                    page("Страница", text).getBytes(cp1251)))
        .route(
            "/utf8",
            (ex, r) ->
                TestSite.send(
                    ex,
                    200,
                    "text/html; charset=utf-8",
                    page("Страница", text + " UTF-8").getBytes(StandardCharsets.UTF_8)));
    Crawls.Run run = crawl(web(1, 10, base + "/"));
    assertThat(run.page(base + "/utf8").content().text()).contains("Привет, мир");
    assertThat(run.page(base + "/cp1251").content().text()).contains("Привет, мир");
    assertThat(run.page(base + "/cp1251").content().title()).isEqualTo("Страница");
  }

  @Test
  void calendarTrapEndsAtDepthAndPerHostCap() throws IOException {
    site.html("/", page("Home", "Home text", "/calendar?month=0"));
    site.route(
        "/calendar",
        (ex, r) -> {
          int month = Integer.parseInt(r.target().replaceAll(".*month=(-?\\d+).*", "$1"));
          TestSite.send(
              ex,
              200,
              "text/html",
              page(
                      "Month " + month,
                      "Events in month " + month,
                      "/calendar?month=" + (month + 1),
                      "/calendar?month=" + (month - 1))
                  .getBytes(StandardCharsets.UTF_8));
        });
    Crawls.Run run =
        Crawls.crawl(
            web(1000, 10_000, base + "/"), Crawls.FAST.withThreads(2, 25), false, null, HOST);
    long calendar = site.targets().stream().filter(t -> t.startsWith("/calendar")).count();
    assertThat(calendar).isLessThanOrEqualTo(24);
    assertThat(run.causes()).contains("limit:max-pages-per-host");
    assertThat(run.result().completed()).isTrue();
  }

  @Test
  void sessionIdTrapCollapsesByNormalisation() throws IOException {
    AtomicInteger counter = new AtomicInteger();
    site.route(
            "/",
            (ex, r) -> {
              int n = counter.incrementAndGet();
              TestSite.send(
                  ex,
                  200,
                  "text/html",
                  page(
                          "Home",
                          "Home text",
                          "/item?sid=" + n + "&id=1",
                          "/item;jsessionid=ABC" + n + "?id=2",
                          "/item?id=1&utm_source=x" + n,
                          "/?PHPSESSID=" + n)
                      .getBytes(StandardCharsets.UTF_8));
            })
        .route(
            "/item",
            (ex, r) ->
                TestSite.send(
                    ex,
                    200,
                    "text/html",
                    page(
                            "Item " + r.target(),
                            "Item page " + r.target().replaceAll("\\D", ""),
                            "/?sessionid=" + counter.incrementAndGet())
                        .getBytes(StandardCharsets.UTF_8)));
    Crawls.Run run = crawl(web(5, 100, base + "/"));
    assertThat(site.targets())
        .containsOnlyOnce("/")
        .containsOnlyOnce("/item?id=1")
        .containsOnlyOnce("/item?id=2");
    assertThat(run.urls()).contains(base + "/item?id=1", base + "/item?id=2");
  }

  @Test
  void sitemapIndexWithGzippedChildIsCrawledWithinScope() throws IOException {
    String index =
        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + "<sitemap><loc>"
            + base
            + "/sitemap1.xml</loc></sitemap>"
            + "<sitemap><loc>"
            + base
            + "/sitemap2.xml.gz</loc></sitemap></sitemapindex>";
    String one = urlset(base + "/s/a", base + "/s/b", "http://elsewhere.test/outside");
    String two = urlset(base + "/s/c");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(two.getBytes(StandardCharsets.UTF_8));
    }
    site.text("/sitemap_index.xml", "application/xml", index)
        .text("/sitemap1.xml", "application/xml", one)
        .route(
            "/sitemap2.xml.gz",
            (ex, r) -> TestSite.send(ex, 200, "application/gzip", gz.toByteArray()))
        .html("/s/a", page("A", "Sitemap page a", "/s/deeper"))
        .html("/s/b", page("B", "Sitemap page b"))
        .html("/s/c", page("C", "Sitemap page c"));
    Source source =
        Crawls.source(
            "sm",
            SourceType.SITEMAP,
            List.of(base + "/sitemap_index.xml"),
            List.of(HOST),
            0,
            100,
            0);
    Crawls.Run run = Crawls.crawl(source, Crawls.FAST, false, null, HOST, "elsewhere.test");
    assertThat(run.urls()).containsExactlyInAnyOrder(base + "/s/a", base + "/s/b", base + "/s/c");
    assertThat(site.hosts()).containsExactly(HOST);
    assertThat(site.targets()).doesNotContain("/s/deeper"); // max_depth 0: only listed pages
  }

  static String urlset(String... urls) {
    StringBuilder s =
        new StringBuilder(
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    for (String u : urls) {
      s.append("<url><loc>").append(u).append("</loc></url>");
    }
    return s.append("</urlset>").toString();
  }

  @Test
  void rssAndAtomFeedEntriesAreCrawled() throws IOException {
    String rss =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>R</title><link>"
            + base
            + "/</link><description>d</description>"
            + "<item><title>One</title><link>"
            + base
            + "/news/1</link></item>"
            + "<item><title>Two</title><link>"
            + base
            + "/news/2</link></item></channel></rss>";
    String atom =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>"
            + "<entry><title>Three</title><id>urn:3</id><updated>2024-01-01T00:00:00Z</updated><link rel=\"alternate\" href=\""
            + base
            + "/news/3\"/></entry>"
            + "<entry><title>Out</title><id>urn:4</id><updated>2024-01-01T00:00:00Z</updated><link href=\"http://127.0.0.2:"
            + site.port()
            + "/x\"/></entry></feed>";
    site.text("/rss.xml", "application/rss+xml", rss)
        .text("/atom.xml", "application/atom+xml", atom)
        .html("/news/1", page("One", "News one"))
        .html("/news/2", page("Two", "News two"))
        .html("/news/3", page("Three", "News three"));
    Source source =
        Crawls.source(
            "f",
            SourceType.FEED,
            List.of(base + "/rss.xml", base + "/atom.xml"),
            List.of(HOST),
            0,
            100,
            0);
    Crawls.Run run = Crawls.crawl(source, Crawls.FAST, false, null, HOST);
    assertThat(run.urls())
        .containsExactlyInAnyOrder(base + "/news/1", base + "/news/2", base + "/news/3");
    assertThat(site.targets()).doesNotContain("/x");
    assertThat(run.causes()).contains("guard:private-address");
  }

  @Test
  void exactDuplicatesAreSkippedAndFingerprintsAreSet() throws IOException {
    String same = page("Same", "Identical words on two different addresses of this site");
    site.html("/", page("Home", "Home text", "/copy1", "/copy2", "/near"))
        .html("/copy1", same)
        .html("/copy2", same)
        .html("/near", page("Same", "Identical words on two different addresses of this website"));
    Crawls.Run run = crawl(web(1, 100, base + "/"));
    assertThat(run.urls()).hasSize(3);
    assertThat(run.result().skipped()).isEqualTo(1);
    assertThat(run.result().skips())
        .containsEntry(SkipReason.UNCHANGED, 0L)
        .containsEntry(SkipReason.DUPLICATE, 1L)
        .containsEntry(SkipReason.SAME_CANONICAL, 0L);
    CrawledPage copy =
        run.pages().stream().filter(p -> p.url().contains("/copy")).findFirst().orElseThrow();
    CrawledPage near = run.page(base + "/near");
    assertThat(copy.contentHash()).hasSize(64).isNotEqualTo(near.contentHash());
    assertThat(Long.bitCount(copy.simhash() ^ near.simhash())).isLessThan(20);
  }

  @Test
  void pagesDeclaringAnAlreadyHandedOnCanonicalUrlAreSkipped() throws IOException {
    String canonical = "<link rel=canonical href=\"" + base + "/article\">";
    site.html("/", page("Home", "Home text", "/article", "/article?print=1"))
        .html(
            "/article",
            page("Article", "The article text in its normal layout")
                .replace("</title>", "</title>" + canonical))
        .html(
            "/article?print=1",
            page("Article", "The article text in a printer friendly layout")
                .replace("</title>", "</title>" + canonical));
    // One thread: the canonical page is fetched first (FIFO per host) and, with two threads, the
    // print version's processing could overtake it, making both pages handed on (a flaky run).
    Crawls.Run run =
        Crawls.crawl(web(1, 10, base + "/"), Crawls.FAST.withThreads(1, 0), false, null, HOST);
    assertThat(site.targets()).contains("/article", "/article?print=1");
    assertThat(run.pages()).filteredOn(p -> p.url().contains("/article")).hasSize(1);
    assertThat(run.result().skipped()).isEqualTo(1);
    assertThat(run.result().skips())
        .containsEntry(SkipReason.UNCHANGED, 0L)
        .containsEntry(SkipReason.DUPLICATE, 0L)
        .containsEntry(SkipReason.SAME_CANONICAL, 1L);
  }

  @Test
  void stopEndsTheRunIncompleteAndTheNextRunResumes(@TempDir Path state) throws Exception {
    site.html("/", page("Home", "Home text", "/p1", "/p2", "/p3", "/p4", "/p5", "/p6"));
    for (int i = 1; i <= 6; i++) {
      site.html("/p" + i, page("P" + i, "Page number " + i));
    }
    Source source =
        Crawls.source("s", SourceType.WEB, List.of(base + "/"), List.of(HOST), 1, 100, 100);
    SourcesConfig config = SourcesConfig.of(false, Crawls.UA, List.of(source));
    List<String> first = new java.util.concurrent.CopyOnWriteArrayList<>();
    CrawlResult result;
    // a crawler that stops itself after its third page
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Crawler[] holder = new Crawler[1];
    holder[0] =
        Crawler.builder(config, source)
            .limits(Crawls.FAST)
            .stateDir(state)
            .resolve(HOST, java.net.InetAddress.getLoopbackAddress())
            .sink(
                page -> {
                  first.add(page.url());
                  if (first.size() == 3) {
                    holder[0].stop();
                  }
                })
            .build();
    try (Crawler crawler = holder[0]) {
      result = crawler.run();
    }
    assertThat(result.completed()).isFalse();
    assertThat(first).hasSizeBetween(3, 4);
    int requestsBefore = site.requests().size();
    try (Crawler crawler =
        Crawler.builder(config, source)
            .limits(Crawls.FAST)
            .stateDir(state)
            .resolve(HOST, java.net.InetAddress.getLoopbackAddress())
            .sink(page -> seen.add(page.url()))
            .build()) {
      result = crawler.run();
    }
    assertThat(result.completed()).isTrue();
    assertThat(seen).doesNotContainAnyElementsOf(first);
    assertThat(first.size() + seen.size()).isEqualTo(7);
    assertThat(site.requests().subList(requestsBefore, site.requests().size()))
        .extracting(TestSite.Req::target)
        .doesNotContain("/");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
