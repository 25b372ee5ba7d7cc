package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-crawl sends validators and hands on only new or changed pages. */
class IncrementalCrawlTest {
  static final String HOST = "site.test";

  @Test
  void unchangedPagesAreSkippedOnReCrawl(@TempDir Path state) throws IOException {
    AtomicReference<String> changing = new AtomicReference<>("First version of the changing page");
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      String home =
          CrawlerBehaviourTest.page(
              "Home", "Home page text", "/etag", "/lastmod", "/plain", "/changing");
      site.route("/", (ex, r) -> conditional(ex, r, "\"home-v1\"", null, home))
          .route(
              "/etag",
              (ex, r) ->
                  conditional(
                      ex, r, "\"e1\"", null, CrawlerBehaviourTest.page("E", "Etag page text")))
          .route(
              "/lastmod",
              (ex, r) ->
                  conditional(
                      ex,
                      r,
                      null,
                      "Wed, 21 Oct 2015 07:28:00 GMT",
                      CrawlerBehaviourTest.page("L", "Last modified page")))
          .html("/plain", CrawlerBehaviourTest.page("P", "Plain page without validators"))
          .route(
              "/changing",
              (ex, r) ->
                  TestSite.send(
                      ex,
                      200,
                      "text/html",
                      CrawlerBehaviourTest.page("C", changing.get())
                          .getBytes(StandardCharsets.UTF_8)));
      var source = Crawls.web("inc", List.of(base + "/"), List.of(HOST), 2, 100);

      Crawls.Run first = Crawls.crawl(source, Crawls.FAST, false, state, HOST);
      assertThat(first.pages()).hasSize(5);
      assertThat(first.result().completed()).isTrue();
      // Brand-new URLs: nothing an earlier run could have decided about them.
      assertThat(first.pages()).noneMatch(org.vigil.model.CrawledPage::recrawled);
      String firstHash =
          first.pages().stream()
              .filter(p -> p.url().equals(base + "/changing"))
              .findFirst()
              .orElseThrow()
              .contentHash();

      changing.set("Second version: the text of this page changed");
      int before = site.requests().size();
      Crawls.Run second = Crawls.crawl(source, Crawls.FAST, false, state, HOST);
      List<TestSite.Req> again = site.requests().subList(before, site.requests().size());
      assertThat(second.urls()).containsExactly(base + "/changing");
      // A changed page the crawl state knew: the sink learns which version it replaces.
      assertThat(second.pages().get(0).recrawled()).isTrue();
      assertThat(second.pages().get(0).previousContentHash()).isEqualTo(firstHash);
      assertThat(second.pages().get(0).contentHash()).isNotEqualTo(firstHash);
      assertThat(second.result().skipped()).isEqualTo(4);
      assertThat(again)
          .extracting(TestSite.Req::target)
          .contains("/", "/etag", "/lastmod", "/plain", "/changing");
      assertThat(header(again, "/", "If-None-Match")).isEqualTo("\"home-v1\"");
      assertThat(header(again, "/etag", "If-None-Match")).isEqualTo("\"e1\"");
      assertThat(header(again, "/lastmod", "If-Modified-Since"))
          .isEqualTo("Wed, 21 Oct 2015 07:28:00 GMT");
    }
  }

  static String header(List<TestSite.Req> reqs, String target, String name) {
    return reqs.stream()
        .filter(r -> r.target().equals(target))
        .findFirst()
        .orElseThrow()
        .headers()
        .get(name);
  }

  static void conditional(
      com.sun.net.httpserver.HttpExchange ex,
      TestSite.Req r,
      String etag,
      String lastModified,
      String html)
      throws IOException {
    if (etag != null) {
      ex.getResponseHeaders().set("ETag", etag);
      if (etag.equals(r.headers().get("If-None-Match"))) {
        TestSite.send(ex, 304, null, new byte[0]);
        return;
      }
    }
    if (lastModified != null) {
      ex.getResponseHeaders().set("Last-Modified", lastModified);
      if (lastModified.equals(r.headers().get("If-Modified-Since"))) {
        TestSite.send(ex, 304, null, new byte[0]);
        return;
      }
    }
    TestSite.send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }
}
