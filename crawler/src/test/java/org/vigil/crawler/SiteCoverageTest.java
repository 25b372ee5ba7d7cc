package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.crawler.CrawlerBehaviourTest.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CrawledPage;

/**
 * Defects seen on a real generated (Hugo) site, each reproduced on a local one: links of skipped
 * pages, boilerplate-only duplicates, redirected re-crawls, scope entries with a port, redirect
 * politeness.
 */
class SiteCoverageTest {
  static final String HOST = "site.test";

  static String withCanonical(String html, String canonical) {
    return html.replace("</title>", "</title><link rel=canonical href=\"" + canonical + "\">");
  }

  @Test
  void linksOfPagesSkippedAsSameCanonicalOrDuplicateAreFollowed() throws IOException {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      String list = base + "/list/";
      site.html("/", page("Home", "The home page of this site", "/list/", "/post/1/"))
          .html("/list/", withCanonical(page("Posts", "All posts", "/list/page/2/"), list))
          // Hugo's pagination: page 2 and 3 declare page 1 as canonical
          .html(
              "/list/page/2/",
              withCanonical(page("Posts", "All posts page two", "/list/page/3/"), list))
          .html(
              "/list/page/3/",
              withCanonical(page("Posts", "All posts page three", "/post/3/", "/copy/"), list))
          .html("/post/1/", page("Post one", "The first post of the blog"))
          .html("/post/3/", page("Post three", "The third post of the blog"))
          // an exact copy of post 1 that alone links to post 4
          .html("/copy/", page("Post one", "The first post of the blog", "/post/4/"))
          .html("/post/4/", page("Post four", "The fourth post of the blog"));
      Crawls.Run run =
          Crawls.crawl(
              Crawls.web("c", List.of(base + "/"), List.of(HOST), 10, 100),
              Crawls.FAST.withThreads(1, 0),
              false,
              null,
              HOST);
      assertThat(site.targets()).contains("/list/page/3/", "/post/3/", "/post/4/");
      assertThat(run.urls())
          .contains(base + "/post/1/", base + "/post/3/", base + "/post/4/")
          .doesNotContain(base + "/list/page/2/", base + "/list/page/3/", base + "/copy/");
      assertThat(run.result().skips())
          .containsEntry(SkipReason.SAME_CANONICAL, 2L)
          .containsEntry(SkipReason.DUPLICATE, 1L);
    }
  }

  @Test
  void pagesWhoseExtractionIsTheSameBoilerplateAreNotDuplicates() throws IOException {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      site.html("/", page("Home", "The home page of this site", "/tag/a/", "/tag/b/"));
      for (String tag : List.of("a", "b")) {
        site.html(
            "/tag/" + tag + "/",
            "<!doctype html><html><head><title>Tag "
                + tag
                + "</title></head><body>"
                + "<footer><p>Powered by the Academic theme for Hugo.</p></footer></body></html>");
      }
      Crawls.Run run =
          Crawls.crawl(
              Crawls.web("b", List.of(base + "/"), List.of(HOST), 2, 100),
              Crawls.FAST,
              false,
              null,
              HOST);
      assertThat(run.page(base + "/tag/a/").content().text())
          .isEqualTo(run.page(base + "/tag/b/").content().text());
      assertThat(run.result().skips()).containsEntry(SkipReason.DUPLICATE, 0L);
    }
  }

  @Test
  void redirectedUrlsReCrawlWithValidatorsAndAreNotHandedOnAgain(@TempDir Path state)
      throws IOException {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      site.html("/", page("Home", "The home page of this site", "/a", "/b"))
          .redirect("/a", 301, "/a/")
          .route(
              "/a/",
              (ex, r) ->
                  IncrementalCrawlTest.conditional(
                      ex, r, "\"a1\"", null, page("A", "Page a behind a redirect", "/a/child")))
          .html("/a/child", page("Child", "Linked only from the redirected page"))
          // no validators: unchanged by its content hash
          .redirect("/b", 301, "/b/")
          .html("/b/", page("B", "Page b behind a redirect without validators"));
      var source = Crawls.web("r", List.of(base + "/"), List.of(HOST), 3, 100);
      Crawls.Run first = Crawls.crawl(source, Crawls.FAST, false, state, HOST);
      assertThat(first.urls())
          .containsExactlyInAnyOrder(base + "/", base + "/a/", base + "/b/", base + "/a/child");

      int before = site.requests().size();
      Crawls.Run second = Crawls.crawl(source, Crawls.FAST, false, state, HOST);
      List<TestSite.Req> again = site.requests().subList(before, site.requests().size());
      assertThat(second.pages()).isEmpty();
      assertThat(IncrementalCrawlTest.header(again, "/a/", "If-None-Match")).isEqualTo("\"a1\"");
      assertThat(again).extracting(TestSite.Req::target).contains("/a/child");
      assertThat(second.result().skips()).containsEntry(SkipReason.UNCHANGED, 4L);
    }
  }

  @Test
  void scopeHostsWithAPortAdmitThatPortOnly(@TempDir Path dir) throws Exception {
    try (TestSite site = new TestSite();
        TestSite other = new TestSite()) {
      String base = "http://127.0.0.1:" + site.port();
      site.html("/", page("Home", "Home on the admitted port", "/a", other.base("127.0.0.1") + "/"))
          .html("/a", page("A", "Page a on the admitted port"));
      other.html("/", page("Other", "Another port of the same address"));
      Path file = dir.resolve("sources.yml");
      Files.writeString(
          file,
          "sources:\n  - id: p\n    type: web\n    seeds: [\""
              + base
              + "/\"]\n    scope: {hosts: [\"127.0.0.1:"
              + site.port()
              + "\"]}\n    politeness_ms: 0\n",
          StandardCharsets.UTF_8);
      SourcesConfig config = SourcesConfig.load(file);
      Crawls.Run run =
          Crawls.crawl(
              config.sources().get(0),
              Crawls.FAST,
              false,
              null,
              page -> {},
              b -> {},
              new String[0]);
      assertThat(run.urls()).containsExactlyInAnyOrder(base + "/", base + "/a");
      assertThat(other.targets()).isEmpty();
      assertThat(run.result().noSeedReached()).isFalse();
    }
  }

  @Test
  void malformedPortsInScopeHostsAreConfigErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sources.yml");
    Files.writeString(
        file,
        "sources:\n  - id: p\n    type: web\n    seeds: [\"http://127.0.0.1:8080/\"]\n"
            + "    scope: {hosts: [\"127.0.0.1:99999\", \"example.org:http\"]}\n",
        StandardCharsets.UTF_8);
    assertThat(SourcesConfig.validate(file))
        .extracting(e -> e.toString().replace(file.toString(), "sources.yml"))
        .containsExactly(
            "sources.yml:5: sources[0].scope.hosts[0]: '127.0.0.1:99999': port '99999' is not a"
                + " number in [1, 65535]",
            "sources.yml:5: sources[0].scope.hosts[1]: 'example.org:http': port 'http' is not a"
                + " number in [1, 65535]");
  }

  @Test
  void aRunWhoseEverySeedIsRefusedOrFailsReachedNoSeed() throws IOException {
    try (TestSite site = new TestSite()) {
      site.html("/", page("Home", "Home text"));
      // scope names another host: the loopback seed is not exempt from the SSRF guard
      String seed = "http://127.0.0.1:" + site.port() + "/";
      Crawls.Run refused =
          Crawls.crawl(
              Crawls.web("g", List.of(seed), List.of("example.org"), 1, 10),
              Crawls.FAST,
              false,
              null);
      assertThat(refused.causes()).contains("guard:private-address");
      assertThat(refused.result().noSeedReached()).isTrue();

      String base = site.base(HOST);
      Crawls.Run missing =
          Crawls.crawl(
              Crawls.web("m", List.of(base + "/missing", base + "/"), List.of(HOST), 1, 10),
              Crawls.FAST,
              false,
              null,
              HOST);
      assertThat(missing.result().seeds()).isEqualTo(2);
      assertThat(missing.result().seedsReached()).isEqualTo(1);
      assertThat(missing.result().noSeedReached()).isFalse();
      Crawls.Run allMissing =
          Crawls.crawl(
              Crawls.web("n", List.of(base + "/missing"), List.of(HOST), 1, 10),
              Crawls.FAST,
              false,
              null,
              HOST);
      assertThat(allMissing.result().noSeedReached()).isTrue();
    }
  }

  @Test
  void sameHostRedirectHopsWaitForTheCrawlDelay() throws IOException {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      site.text("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 0.3\n")
          .html("/", page("Home", "Home text", "/loop/a", "/chain/1"))
          .redirect("/loop/a", 301, "/loop/b")
          .html("/loop/b", page("B", "Where the loop lands"))
          .redirect("/chain/1", 302, "/chain/2")
          .redirect("/chain/2", 302, "/chain/3")
          .redirect("/chain/3", 302, "/chain/end")
          .html("/chain/end", page("End", "Where the chain ends"));
      Crawls.Run run =
          Crawls.crawl(
              Crawls.web("d", List.of(base + "/"), List.of(HOST), 2, 100),
              Crawls.FAST,
              false,
              null,
              HOST);
      assertThat(run.urls()).contains(base + "/loop/b", base + "/chain/end");
      List<TestSite.Req> requests = List.copyOf(site.requests());
      assertThat(requests).hasSize(8); // robots.txt, /, 2 + 4 hops
      for (int i = 1; i < requests.size(); i++) {
        long gapMs = (requests.get(i).nanos() - requests.get(i - 1).nanos()) / 1_000_000;
        assertThat(gapMs).as("gap before " + requests.get(i).target()).isGreaterThanOrEqualTo(290);
      }
    }
  }

  static List<String> texts(List<CrawledPage> pages) {
    return pages.stream().map(p -> p.content().text()).toList();
  }
}
