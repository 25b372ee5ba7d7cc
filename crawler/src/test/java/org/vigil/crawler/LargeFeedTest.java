package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.crawler.CrawlerBehaviourTest.page;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.model.SourceType;

/** Feeds and sitemaps have their own body limit, larger than a page's. */
class LargeFeedTest {
  static final String HOST = "site.test";

  /** A full-content RSS feed of {@code items} posts, each with ~20 KB of text. */
  static String fullContentRss(String base, int items) {
    StringBuilder rss =
        new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>R</title>")
            .append("<link>")
            .append(base)
            .append("/</link><description>d</description>");
    String body = "Full text of the post, as Hugo puts it in its feed. ".repeat(400);
    for (int i = 1; i <= items; i++) {
      rss.append("<item><title>Post ")
          .append(i)
          .append("</title><link>")
          .append(base)
          .append("/post/")
          .append(i)
          .append("/</link><description>")
          .append(body)
          .append("</description></item>");
    }
    return rss.append("</channel></rss>").toString();
  }

  @Test
  void aFeedLargerThanMaxBytesIsReadWithinMaxFeedBytes() throws IOException {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      String rss = fullContentRss(base, 30); // ~600 KB, over FAST's 256 KiB max_bytes
      assertThat(rss.length()).isGreaterThan(2 * 256 * 1024);
      site.text("/index.xml", "application/rss+xml", rss)
          .html("/", page("Home", "Home text", "/index.xml"));
      for (int i = 1; i <= 30; i++) {
        site.html("/post/" + i + "/", page("Post " + i, "The text of post number " + i));
      }
      Crawls.Run feed =
          Crawls.crawl(
              Crawls.source(
                  "f", SourceType.FEED, List.of(base + "/index.xml"), List.of(HOST), 0, 100, 0),
              Crawls.FAST,
              false,
              null,
              HOST);
      assertThat(feed.pages()).hasSize(30);
      assertThat(feed.failures()).isEmpty();

      // the same feed found by a web crawl (a page task whose response is a feed)
      Crawls.Run web =
          Crawls.crawl(
              Crawls.web("w", List.of(base + "/"), List.of(HOST), 2, 100),
              Crawls.FAST,
              false,
              null,
              HOST);
      assertThat(web.pages()).hasSize(31);
      assertThat(web.failures()).isEmpty();
    }
  }

  @Test
  void aFeedLargerThanMaxFeedBytesFailsNamingTheUrlAndTheSetting() throws IOException {
    try (TestSite site = new TestSite()) {
      String base = site.base(HOST);
      site.text("/index.xml", "application/rss+xml", fullContentRss(base, 30));
      Crawls.Run run =
          Crawls.crawl(
              Crawls.source(
                  "f", SourceType.FEED, List.of(base + "/index.xml"), List.of(HOST), 0, 100, 0),
              Crawls.FAST.withMaxFeedBytes(64 * 1024),
              false,
              null,
              HOST);
      assertThat(run.causes()).containsExactly("limit:too-large");
      assertThat(run.failures().get(0).detail())
          .startsWith(base + "/index.xml: ")
          .contains("max_feed_bytes 65536");
      // a limit, like a page over max_bytes with on_too_large: skip; the run reached no seed
      assertThat(run.result().skips()).containsEntry(SkipReason.POLICY, 1L);
      assertThat(run.result().noSeedReached()).isTrue();
    }
  }
}
