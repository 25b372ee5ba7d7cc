package org.vigil.crawler.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.vigil.model.ExtractedContent;

/**
 * Extracts title, main text, metadata and outlinks from an HTML document. The crawler and {@code
 * vigil extract} both use this one code path.
 *
 * <p>Placeholder implementation (whole-body text); the extraction issue replaces the internals
 * while keeping these signatures.
 */
public final class Extractor {
  private Extractor() {}

  /**
   * Extracts from raw bytes, detecting the charset from the Content-Type header, BOM and meta tags.
   *
   * @param body the raw response body
   * @param contentTypeHeader the HTTP Content-Type header, or {@code null}
   * @param url the document URL, used to resolve relative links; may be {@code null}
   */
  public static ExtractedContent extract(byte[] body, String contentTypeHeader, String url) {
    Objects.requireNonNull(body, "body");
    return extract(new String(body, StandardCharsets.UTF_8), url);
  }

  /** Extracts from an already decoded HTML string. */
  public static ExtractedContent extract(String html, String url) {
    Objects.requireNonNull(html, "html");
    Document doc = Jsoup.parse(html, url == null ? "" : url);
    List<String> links =
        new ArrayList<>(new LinkedHashSet<>(doc.select("a[href]").eachAttr("abs:href")));
    Element canonical = doc.selectFirst("link[rel=canonical][href]");
    return new ExtractedContent(
        doc.title(),
        doc.body() == null ? "" : doc.body().text(),
        List.of(),
        doc.selectFirst("html[lang]") == null ? null : doc.selectFirst("html[lang]").attr("lang"),
        null,
        null,
        canonical == null ? null : canonical.absUrl("href"),
        links);
  }
}
