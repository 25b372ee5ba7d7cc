package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CrawledPage;
import org.vigil.model.GonePage;
import org.vigil.model.PageSink;
import org.vigil.model.Source;

/**
 * A known page that answers 404/410 is marked gone under the key its content was handed on under
 * (its canonical URL, or where its redirect led), not under the URL that was fetched; a document
 * that another URL of the same canonical page still serves in the run is not marked.
 */
class CanonicalGoneCrawlTest {
  static final String HOST = "site.test";

  @TempDir Path state;
  private TestSite site;
  private String base;
  private String canonical;
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> homeLinks =
      new CopyOnWriteArrayList<>(List.of("/story", "/story-amp", "/old"));

  @BeforeEach
  void startSite() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
    canonical = base + "/articles/story"; // declared by both story pages, never linked
    site.route(
        "/",
        (ex, r) -> send(ex, CrawlerBehaviourTest.page("Home", "Home page text", links(homeLinks))));
    servePage("/story", withCanonical("Story", "The story in its normal layout"));
    servePage("/story-amp", withCanonical("Story", "The story in its accelerated layout"));
    site.redirect("/old", 301, base + "/moved"); // like http:// to https://
    servePage("/moved", CrawlerBehaviourTest.page("Moved", "A page that moved here"));
  }

  @AfterEach
  void stopSite() {
    site.close();
  }

  private static String[] links(List<String> links) {
    return links.toArray(String[]::new);
  }

  private String withCanonical(String title, String text) {
    return CrawlerBehaviourTest.page(title, text)
        .replace("</title>", "</title><link rel=canonical href=\"" + canonical + "\">");
  }

  private void servePage(String path, String html) {
    site.route(
        path,
        (ex, r) -> {
          int status = statuses.getOrDefault(path, 200);
          if (status == 200) {
            send(ex, html);
          } else {
            TestSite.send(ex, status, "text/html", "<html>gone</html>".getBytes(UTF8));
          }
        });
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static void send(com.sun.net.httpserver.HttpExchange ex, String html) throws IOException {
    TestSite.send(ex, 200, "text/html; charset=utf-8", html.getBytes(UTF8));
  }

  /** Records gone marks. */
  private static final class Recorder implements PageSink {
    final List<GonePage> gone = new CopyOnWriteArrayList<>();

    @Override
    public void accept(CrawledPage page) {}

    @Override
    public void gone(GonePage page) {
      gone.add(page);
    }
  }

  private Source source() {
    return Crawls.web("canon", List.of(base + "/"), List.of(HOST), 1, 100);
  }

  private Crawls.Run crawl(PageSink sink) throws IOException {
    return Crawls.crawl(source(), Crawls.FAST, false, state, sink, HOST);
  }

  @Test
  void aPageIndexedUnderItsCanonicalUrlIsMarkedThereOnceNoOtherUrlServesIt() throws IOException {
    Recorder sink = new Recorder();
    Crawls.Run first = crawl(sink);
    // One of the two story URLs was handed on, under the canonical URL.
    assertThat(first.pages())
        .filteredOn(p -> p.url().startsWith(base + "/story"))
        .singleElement()
        .satisfies(p -> assertThat(p.canonicalUrl()).isEqualTo(canonical));

    // One URL of the story disappears, the other still serves it: its document is not gone.
    statuses.put("/story", 404);
    Crawls.Run second = crawl(sink);
    assertThat(second.causes()).contains("fetch:http-404");
    assertThat(sink.gone).isEmpty();

    // Now the other one too: the document of the canonical URL is marked, once.
    statuses.put("/story-amp", 410);
    crawl(sink);
    assertThat(sink.gone)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.url()).isEqualTo(base + "/story-amp");
              assertThat(g.canonicalUrl()).isEqualTo(canonical);
              assertThat(g.documentId()).isEqualTo(org.vigil.model.FlaggedItem.idFor(canonical));
              assertThat(g.httpStatus()).isEqualTo(410);
            });
    crawl(sink); // still gone: not marked again
    assertThat(sink.gone).hasSize(1);

    // Back: handed on as a page that came back (whatever is indexed about it is settled anew).
    statuses.clear();
    Crawls.Run back = crawl(sink);
    assertThat(back.pages())
        .filteredOn(p -> p.canonicalUrl().equals(canonical))
        .singleElement()
        .satisfies(p -> assertThat(p.previousContentHash()).isEqualTo("gone"));
  }

  @Test
  void bothUrlsOfAPageGoneInOneRunMarkItsDocumentOnce() throws IOException {
    Recorder sink = new Recorder();
    crawl(sink);
    statuses.put("/story", 404);
    statuses.put("/story-amp", 404);
    crawl(sink);
    assertThat(sink.gone)
        .singleElement()
        .satisfies(g -> assertThat(g.canonicalUrl()).isEqualTo(canonical));
    crawl(sink);
    assertThat(sink.gone).hasSize(1);
  }

  @Test
  void aDocumentMarkedWhileAnotherUrlOfItWasNotCrawledIsUnmarkedWhenThatUrlServesItAgain()
      throws IOException {
    Recorder sink = new Recorder();
    crawl(sink);
    // The home page stops linking the accelerated layout, and the story disappears: nothing in
    // this run serves the canonical page, so its document is marked.
    homeLinks.remove("/story-amp");
    statuses.put("/story", 404);
    long ampRequests = site.count("/story-amp");
    crawl(sink);
    assertThat(site.count("/story-amp")).isEqualTo(ampRequests);
    assertThat(sink.gone)
        .singleElement()
        .satisfies(g -> assertThat(g.canonicalUrl()).isEqualTo(canonical));

    // Linked again, unchanged: handed on as a page that came back, which takes the mark away.
    homeLinks.add("/story-amp");
    Crawls.Run third = crawl(sink);
    assertThat(third.page(base + "/story-amp").previousContentHash()).isEqualTo("gone");
  }

  @Test
  void aRedirectingUrlThatEndsIn404MarksTheDocumentOfWhereItLed() throws IOException {
    Recorder sink = new Recorder();
    Crawls.Run first = crawl(sink);
    assertThat(first.page(base + "/moved").canonicalUrl()).isEqualTo(base + "/moved");

    statuses.put("/moved", 404);
    crawl(sink);
    assertThat(sink.gone)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.url()).isEqualTo(base + "/old");
              assertThat(g.canonicalUrl()).isEqualTo(base + "/moved");
            });
  }

  @Test
  void aStateFromBeforeDocumentKeysFetchesKnownPagesInFullOnceToLearnThem()
      throws IOException, SQLException {
    site.route(
        "/story",
        (ex, r) -> {
          if (statuses.getOrDefault("/story", 200) != 200) {
            TestSite.send(ex, 404, "text/html", "<html>gone</html>".getBytes(UTF8));
            return;
          }
          IncrementalCrawlTest.conditional(
              ex, r, "\"s1\"", null, withCanonical("Story", "The story in its normal layout"));
        });
    homeLinks.removeAll(List.of("/story-amp", "/old"));
    Recorder sink = new Recorder();
    crawl(sink);
    Path db = state.resolve("canon").resolve("crawl.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("DROP INDEX url_doc_key"); // the schema of earlier releases
      s.execute("ALTER TABLE url DROP COLUMN doc_key");
      s.execute("ALTER TABLE url DROP COLUMN handed");
    }

    // Migrated on open; the key is unknown, so the page is fetched without validators, found
    // unchanged (not handed on) and its key learned ...
    int before = site.requests().size();
    Crawls.Run upgraded = crawl(sink);
    assertThat(upgraded.pages()).isEmpty();
    assertThat(storyHeaders(before)).doesNotContainKey("If-None-Match");

    // ... so the next crawl is conditional again ...
    before = site.requests().size();
    assertThat(crawl(sink).pages()).isEmpty();
    assertThat(storyHeaders(before)).containsEntry("If-None-Match", "\"s1\"");

    // ... and a 404 marks the document of the canonical URL.
    statuses.put("/story", 404);
    crawl(sink);
    assertThat(sink.gone)
        .singleElement()
        .satisfies(g -> assertThat(g.canonicalUrl()).isEqualTo(canonical));
  }

  private Map<String, String> storyHeaders(int from) {
    List<TestSite.Req> requests;
    synchronized (site.requests()) {
      requests = new ArrayList<>(site.requests().subList(from, site.requests().size()));
    }
    return requests.stream()
        .filter(r -> r.target().equals("/story"))
        .findFirst()
        .orElseThrow()
        .headers();
  }
}
