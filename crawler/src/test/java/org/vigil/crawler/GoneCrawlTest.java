package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CrawledPage;
import org.vigil.model.GonePage;
import org.vigil.model.PageSink;
import org.vigil.model.Source;

/**
 * A page the crawl state knew that answers 404/410 on a re-crawl is handed to {@link PageSink#gone}
 * once; a URL never fetched before is not; a page that comes back is handed on again as a re-crawl.
 */
class GoneCrawlTest {
  static final String HOST = "site.test";

  @TempDir Path state;
  private TestSite site;
  private String base;
  private Source source;
  private final AtomicInteger articleStatus = new AtomicInteger(200);
  private final String article = CrawlerBehaviourTest.page("A", "An article that will vanish");

  @BeforeEach
  void startSite() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
    site.html("/", CrawlerBehaviourTest.page("Home", "Home page text", "/article", "/never"))
        .route(
            "/article",
            (ex, r) -> {
              int status = articleStatus.get();
              byte[] body =
                  (status == 200 ? article : "<html><body>gone</body></html>")
                      .getBytes(StandardCharsets.UTF_8);
              TestSite.send(ex, status, "text/html; charset=utf-8", body);
            });
    source = Crawls.web("gone", List.of(base + "/"), List.of(HOST), 1, 100);
  }

  @AfterEach
  void stopSite() {
    site.close();
  }

  /** A sink recording gone marks; it fails them while {@code failing} is set. */
  private static final class Recorder implements PageSink {
    final List<GonePage> gone = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void accept(CrawledPage page) {}

    @Override
    public void gone(GonePage page) throws IOException {
      if (failing) {
        throw new IOException("index unreachable");
      }
      gone.add(page);
    }
  }

  private Crawls.Run crawl(PageSink sink) throws IOException {
    return Crawls.crawl(source, Crawls.FAST, false, state, sink, HOST);
  }

  @Test
  void aKnownPageAnswering404IsMarkedOnceAndHandedOnAgainWhenItComesBack() throws IOException {
    Recorder sink = new Recorder();
    Crawls.Run first = crawl(sink);
    assertThat(first.urls()).contains(base + "/article");
    assertThat(sink.gone).as("/never was never fetched: nothing to mark").isEmpty();

    articleStatus.set(404);
    Crawls.Run second = crawl(sink);
    assertThat(sink.gone)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.url()).isEqualTo(base + "/article");
              assertThat(g.httpStatus()).isEqualTo(404);
              assertThat(g.sourceId()).isEqualTo("gone");
            });
    assertThat(second.causes()).contains("fetch:http-404"); // still a failed fetch, as before

    crawl(sink); // still 404: already marked, not again
    assertThat(sink.gone).hasSize(1);

    articleStatus.set(200); // back, same text: handed on as a re-crawl, not skipped
    Crawls.Run back = crawl(sink);
    CrawledPage page = back.page(base + "/article");
    assertThat(page.recrawled()).isTrue();
    assertThat(crawl(sink).urls()).doesNotContain(base + "/article"); // then incremental again
  }

  @Test
  void aMarkTheSinkFailedIsTriedAgainOnTheNextCrawl() throws IOException {
    Recorder sink = new Recorder();
    crawl(sink);
    articleStatus.set(410);
    sink.failing = true;
    Crawls.Run failed = crawl(sink);
    assertThat(failed.causes()).contains("sink:IOException");
    assertThat(sink.gone).isEmpty();

    sink.failing = false;
    crawl(sink);
    assertThat(sink.gone).singleElement().satisfies(g -> assertThat(g.httpStatus()).isEqualTo(410));
  }
}
