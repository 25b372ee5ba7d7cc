package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CrawledPage;
import org.vigil.model.PageSink;
import org.vigil.model.Source;

/**
 * A re-crawl under another sink version (e.g. a new classifier model) hands unchanged pages on
 * again, without conditional requests; under the same version it skips them as before.
 */
class SinkVersionCrawlTest {
  static final String HOST = "site.test";
  static final List<String> PATHS = List.of("/", "/etag", "/lastmod", "/plain");

  @TempDir Path state;
  private TestSite site;
  private String base;
  private Source source;

  @BeforeEach
  void startSite() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
    String home =
        CrawlerBehaviourTest.page("Home", "Home page text", "/etag", "/lastmod", "/plain");
    site.route("/", (ex, r) -> IncrementalCrawlTest.conditional(ex, r, "\"home\"", null, home))
        .route(
            "/etag",
            (ex, r) ->
                IncrementalCrawlTest.conditional(
                    ex, r, "\"e1\"", null, CrawlerBehaviourTest.page("E", "Etag page text")))
        .route(
            "/lastmod",
            (ex, r) ->
                IncrementalCrawlTest.conditional(
                    ex,
                    r,
                    null,
                    "Wed, 21 Oct 2015 07:28:00 GMT",
                    CrawlerBehaviourTest.page("L", "Last modified page")))
        .html("/plain", CrawlerBehaviourTest.page("P", "Plain page without validators"));
    source = Crawls.web("versions", List.of(base + "/"), List.of(HOST), 2, 100);
  }

  @AfterEach
  void stopSite() {
    site.close();
  }

  @Test
  void sameVersionSkipsUnchangedPagesAndAnotherVersionHandsThemOnAgain() throws IOException {
    Logged first = crawl("model-a", page -> {});
    assertThat(first.run().urls()).containsExactlyInAnyOrderElementsOf(urls());
    assertThat(first.run().pages()).noneMatch(CrawledPage::recrawled);
    Map<String, String> hashes = hashes(first.run());

    // Same version: exactly as without versions, validators sent, nothing handed on.
    Logged same = crawl("model-a", page -> {});
    assertThat(same.run().pages()).isEmpty();
    assertThat(same.run().result().skipped()).isEqualTo(4);
    assertConditional(same.requests());

    // Another version: every page again, unconditionally, as a re-crawl of the same content.
    Logged other = crawl("model-b", page -> {});
    assertThat(other.run().urls()).containsExactlyInAnyOrderElementsOf(urls());
    assertThat(other.run().result().fetched()).isEqualTo(4);
    assertThat(other.run().result().skipped()).isZero();
    for (CrawledPage page : other.run().pages()) {
      assertThat(page.recrawled()).as(page.url()).isTrue();
      assertThat(page.previousContentHash()).isEqualTo(hashes.get(page.url()));
      assertThat(page.contentHash()).isEqualTo(hashes.get(page.url()));
    }
    assertUnconditional(other.requests());

    // The new version was stored: the next crawl under it skips again.
    Logged again = crawl("model-b", page -> {});
    assertThat(again.run().pages()).isEmpty();
    assertConditional(again.requests());

    // Without a sink version, stored versions are not looked at.
    Logged unversioned = crawl(null, page -> {});
    assertThat(unversioned.run().pages()).isEmpty();
    assertConditional(unversioned.requests());
  }

  @Test
  void theVersionIsStoredOnlyOnceTheSinkCheckpointSucceeded() throws IOException {
    crawl("model-a", page -> {});

    PageSink notDurable =
        new PageSink() {
          @Override
          public void accept(CrawledPage page) {}

          @Override
          public void checkpoint() throws IOException {
            throw new IOException("index unreachable");
          }
        };
    Logged failed = crawl("model-b", notDurable);
    assertThat(failed.run().urls()).hasSize(4);
    assertThat(failed.run().causes()).contains("sink:checkpoint");

    // Nothing of that run was made durable: the next run resumes and hands every page on again.
    Logged resumed = crawl("model-b", page -> {});
    assertThat(resumed.run().urls()).containsExactlyInAnyOrderElementsOf(urls());
    assertThat(resumed.run().pages()).allMatch(CrawledPage::recrawled);
    assertUnconditional(resumed.requests());

    Logged after = crawl("model-b", page -> {});
    assertThat(after.run().pages()).isEmpty();
    assertConditional(after.requests());
  }

  @Test
  void aStateDatabaseFromBeforeSinkVersionsKeepsWorking() throws IOException, SQLException {
    crawl(null, page -> {});
    Path db = state.resolve(source.id()).resolve("crawl.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE url DROP COLUMN sink_version"); // the schema of earlier releases
    }
    assertThat(columns(db)).doesNotContain("sink_version");

    // Opened without a sink version: migrated, and incremental exactly as before.
    Logged unversioned = crawl(null, page -> {});
    assertThat(columns(db)).contains("sink_version");
    assertThat(unversioned.run().pages()).isEmpty();
    assertThat(unversioned.run().result().skipped()).isEqualTo(4);
    assertConditional(unversioned.requests());

    // An unknown version is another version: every page once more, then incremental again.
    Logged versioned = crawl("model-a", page -> {});
    assertThat(versioned.run().urls()).containsExactlyInAnyOrderElementsOf(urls());
    assertThat(versioned.run().pages()).allMatch(CrawledPage::recrawled);
    assertUnconditional(versioned.requests());
    assertThat(crawl("model-a", page -> {}).run().pages()).isEmpty();
  }

  @Test
  void aBlankSinkVersionIsRejected() {
    Crawler.Builder builder =
        Crawler.builder(SourcesConfig.of(false, Crawls.UA, List.of(source), Map.of()), source);
    assertThatThrownBy(() -> builder.sinkVersion(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  /** One crawl and the requests the site saw during it. */
  record Logged(Crawls.Run run, List<TestSite.Req> requests) {}

  private Logged crawl(String version, PageSink sink) throws IOException {
    int before = site.requests().size();
    Crawls.Run run =
        Crawls.crawl(
            source,
            Crawls.FAST,
            false,
            state,
            sink,
            builder -> {
              if (version != null) {
                builder.sinkVersion(version);
              }
            },
            HOST);
    List<TestSite.Req> requests;
    synchronized (site.requests()) {
      requests = new ArrayList<>(site.requests().subList(before, site.requests().size()));
    }
    return new Logged(run, requests);
  }

  private List<String> urls() {
    return PATHS.stream().map(p -> base + p).toList();
  }

  private static Map<String, String> hashes(Crawls.Run run) {
    return run.pages().stream()
        .collect(Collectors.toMap(CrawledPage::url, CrawledPage::contentHash, (a, b) -> a));
  }

  private static void assertConditional(List<TestSite.Req> requests) {
    assertThat(IncrementalCrawlTest.header(requests, "/", "If-None-Match")).isEqualTo("\"home\"");
    assertThat(IncrementalCrawlTest.header(requests, "/etag", "If-None-Match")).isEqualTo("\"e1\"");
    assertThat(IncrementalCrawlTest.header(requests, "/lastmod", "If-Modified-Since"))
        .isEqualTo("Wed, 21 Oct 2015 07:28:00 GMT");
  }

  private static void assertUnconditional(List<TestSite.Req> requests) {
    List<TestSite.Req> pages = requests.stream().filter(r -> PATHS.contains(r.target())).toList();
    assertThat(pages).extracting(TestSite.Req::target).containsAll(PATHS);
    assertThat(pages)
        .allSatisfy(
            r -> {
              assertThat(r.headers()).as(r.target()).doesNotContainKey("If-None-Match");
              assertThat(r.headers()).as(r.target()).doesNotContainKey("If-Modified-Since");
            });
  }

  private static List<String> columns(Path db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_info(url)")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
      }
    }
    return names;
  }
}
