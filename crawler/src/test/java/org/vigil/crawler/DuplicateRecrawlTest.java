package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.CopiedPage;
import org.vigil.model.CrawledPage;
import org.vigil.model.PageSink;
import org.vigil.model.Source;

/**
 * Exact duplicates across re-crawls: a page handed on before that changes into a copy of another
 * page is handed on again (the sink must be able to take back its decision about the old text); a
 * brand-new copy, or a page that was itself a skipped copy, is still skipped, and reported to the
 * sink as a copy (an appearance for spread tracking).
 */
class DuplicateRecrawlTest {
  static final String HOST = "site.test";

  @TempDir Path state;
  private TestSite site;
  private String base;
  private final Map<String, String> texts = new ConcurrentHashMap<>();
  private final List<CopiedPage> copies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSite() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
    site.html("/", CrawlerBehaviourTest.page("Home", "Home page text", "/x", "/y", "/z"));
    texts.put("/x", "Text that only page x has");
    texts.put("/y", "Text that page y has, and its mirror");
    texts.put("/z", "Text that page z has, for now alone");
    texts.put("/m", texts.get("/y")); // a mirror of y, linked from y only: always after it
    for (String path : List.of("/x", "/y", "/z", "/m")) {
      site.route(
          path,
          (ex, r) -> {
            String[] links = path.equals("/y") ? new String[] {"/m"} : new String[0];
            TestSite.send(
                ex,
                200,
                "text/html; charset=utf-8",
                CrawlerBehaviourTest.page("Page", texts.get(path), links)
                    .getBytes(StandardCharsets.UTF_8));
          });
    }
  }

  @AfterEach
  void stopSite() {
    site.close();
  }

  private Crawls.Run crawl() throws IOException {
    Source source = Crawls.web("dups", List.of(base + "/"), List.of(HOST), 2, 100);
    PageSink recordCopies =
        new PageSink() {
          @Override
          public void accept(CrawledPage page) {}

          @Override
          public void copy(CopiedPage page) {
            copies.add(page);
          }
        };
    return Crawls.crawl(source, Crawls.FAST, false, state, recordCopies, HOST);
  }

  @Test
  void aPageHandedOnBeforeThatBecomesACopyIsHandedOnAgainACopyThatWasSkippedIsNot()
      throws IOException {
    Crawls.Run first = crawl();
    assertThat(first.urls())
        .containsExactlyInAnyOrder(base + "/", base + "/x", base + "/y", base + "/z");
    String oldX = first.page(base + "/x").contentHash();
    String yHash = first.page(base + "/y").contentHash();
    // The mirror m was not handed on, but reported as a copy of y.
    assertThat(copies).hasSize(1);
    CopiedPage mirror = copies.get(0);
    assertThat(mirror.url()).isEqualTo(base + "/m");
    assertThat(mirror.canonicalUrl()).isEqualTo(base + "/m");
    assertThat(mirror.copyOf()).isEqualTo(base + "/y");
    assertThat(mirror.contentHash()).isEqualTo(yHash);
    assertThat(mirror.sourceId()).isEqualTo("dups");
    copies.clear();

    // x (handed on) becomes a copy of y; the mirror m (skipped) becomes a copy of z.
    texts.put("/x", texts.get("/y"));
    texts.put("/m", texts.get("/z"));
    Crawls.Run second = crawl();
    assertThat(second.urls()).containsExactly(base + "/x");
    CrawledPage x = second.page(base + "/x");
    assertThat(x.recrawled()).isTrue();
    assertThat(x.previousContentHash()).isEqualTo(oldX);
    assertThat(x.contentHash()).isEqualTo(yHash);
    assertThat(second.result().skipped()).as("/, y, z unchanged; m a copy").isEqualTo(4);
    assertThat(second.result().skips())
        .containsEntry(SkipReason.UNCHANGED, 3L)
        .containsEntry(SkipReason.DUPLICATE, 1L)
        .containsEntry(SkipReason.SAME_CANONICAL, 0L);
    assertThat(site.count("/m")).isEqualTo(2);

    // Nothing changed: x is an unchanged page now, like the others.
    assertThat(crawl().urls()).isEmpty();

    // A brand-new copy is still skipped.
    texts.put("/n", texts.get("/z"));
    site.route(
        "/n",
        (ex, r) ->
            TestSite.send(
                ex,
                200,
                "text/html",
                CrawlerBehaviourTest.page("Page", texts.get("/n"))
                    .getBytes(StandardCharsets.UTF_8)));
    site.html("/", CrawlerBehaviourTest.page("Home", "Home page text", "/x", "/y", "/z", "/n"));
    Crawls.Run fourth = crawl();
    assertThat(fourth.urls()).isEmpty(); // the home page's text is unchanged, its links are new
    assertThat(site.count("/n")).isEqualTo(1);
    assertThat(copies)
        .extracting(CopiedPage::url, CopiedPage::copyOf)
        .contains(org.assertj.core.groups.Tuple.tuple(base + "/n", base + "/z"));
  }
}
