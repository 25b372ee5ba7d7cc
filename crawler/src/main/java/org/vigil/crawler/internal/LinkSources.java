package org.vigil.crawler.internal;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.xml.sax.InputSource;

/** Reads the URLs listed by sitemaps (crawler-commons) and feeds (Rome). */
public final class LinkSources {
  private LinkSources() {}

  /** URLs listed by a sitemap: pages, or child sitemaps of a sitemap index. */
  public record SitemapLinks(List<String> pages, List<String> sitemaps) {}

  /**
   * Parses a sitemap or sitemap index, plain or gzipped (decompressed here within {@code
   * max_feed_bytes}, so a gzip bomb cannot exhaust memory).
   */
  public static SitemapLinks sitemap(byte[] body, String mediaType, String url, long maxBytes)
      throws IOException {
    byte[] content = isGzip(body) ? gunzip(body, maxBytes) : body;
    String type = looksLikeXml(content) ? "text/xml" : "text/plain";
    SiteMapParser parser = new SiteMapParser(false); // non-strict: scope is checked by the crawler
    try {
      AbstractSiteMap map = parser.parseSiteMap(type, content, new URL(url));
      List<String> pages = new ArrayList<>();
      List<String> children = new ArrayList<>();
      if (map instanceof SiteMapIndex index) {
        for (AbstractSiteMap child : index.getSitemaps()) {
          children.add(child.getUrl().toString());
        }
      } else if (map instanceof SiteMap siteMap) {
        for (SiteMapURL entry : siteMap.getSiteMapUrls()) {
          pages.add(entry.getUrl().toString());
        }
      }
      return new SitemapLinks(pages, children);
    } catch (crawlercommons.sitemaps.UnknownFormatException e) {
      throw new IOException("not a sitemap: " + e.getMessage(), e);
    }
  }

  /** The entry links of an RSS or Atom feed, in feed order. DOCTYPEs are refused (XXE). */
  public static List<String> feed(byte[] body) throws IOException {
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      SyndFeed feed = input.build(new InputSource(new ByteArrayInputStream(body)));
      Set<String> links = new LinkedHashSet<>();
      for (SyndEntry entry : feed.getEntries()) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
          links.add(entry.getLink().strip());
        } else {
          for (SyndLink link : entry.getLinks()) {
            if (link.getHref() != null
                && (link.getRel() == null || link.getRel().equals("alternate"))) {
              links.add(link.getHref().strip());
              break;
            }
          }
        }
      }
      return List.copyOf(links);
    } catch (com.rometools.rome.io.FeedException | IllegalArgumentException e) {
      throw new IOException("not a feed: " + e.getMessage(), e);
    }
  }

  /** Whether a body looks like an RSS or Atom document (for feeds found during a web crawl). */
  public static boolean looksLikeFeed(byte[] body) {
    String head =
        new String(
            body, 0, Math.min(body.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
    return head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:RDF");
  }

  static boolean isGzip(byte[] body) {
    return body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
  }

  private static boolean looksLikeXml(byte[] content) {
    for (int i = 0; i < Math.min(content.length, 512); i++) {
      int c = content[i] & 0xff;
      if (c == '<') {
        return true;
      }
      if (!Character.isWhitespace(c) && c != 0xef && c != 0xbb && c != 0xbf) {
        return false;
      }
    }
    return false;
  }

  private static byte[] gunzip(byte[] body, long maxBytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (out.length > maxBytes) {
        throw new IOException(
            "gzipped sitemap expands beyond max_feed_bytes "
                + maxBytes
                + " (raise max_feed_bytes for this source)");
      }
      return out;
    }
  }
}
