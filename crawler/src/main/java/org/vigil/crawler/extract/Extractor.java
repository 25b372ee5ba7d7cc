package org.vigil.crawler.extract;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.vigil.crawler.extract.internal.Charsets;
import org.vigil.crawler.extract.internal.InputCheck;
import org.vigil.crawler.extract.internal.Listing;
import org.vigil.crawler.extract.internal.MainContent;
import org.vigil.crawler.extract.internal.Metadata;
import org.vigil.crawler.extract.internal.Stats;
import org.vigil.crawler.extract.internal.Threads;
import org.vigil.model.ExtractedContent;
import org.vigil.model.Passage;

/**
 * Extracts title, main text, metadata, forum posts and outlinks from an HTML document. The crawler
 * and {@code vigil extract} both use this one code path.
 *
 * <p>Article pages: the main text is chosen by DOM structure and text/link density (navigation,
 * share bars, cookie notices, related links, footers and comment widgets are dropped) and returned
 * in reading order, paragraphs separated by a blank line; {@link ExtractedContent#passages()} is
 * empty. Pages that are no article (home, list, tag, author pages: no declared article, a short or
 * small main text, or three or more titled links) get their listing text instead when it has
 * clearly more: headings, titles and summaries, without navigation, sidebars and footer. Thread
 * pages (repeated post blocks with author and time): each post is a {@link Passage} and the main
 * text is the posts joined. Messy HTML is handled leniently; only input that is not text at all
 * fails, with an {@link ExtractionException}.
 */
public final class Extractor {
  private Extractor() {}

  /**
   * Extracts from raw bytes, detecting the charset (see {@link #detectCharset}).
   *
   * @param body the raw response body
   * @param contentTypeHeader the HTTP Content-Type header, or {@code null}
   * @param url the document URL, used to resolve relative links; may be {@code null}
   * @throws ExtractionException when the body is binary (image, PDF, archive, …)
   */
  public static ExtractedContent extract(byte[] body, String contentTypeHeader, String url) {
    Objects.requireNonNull(body, "body");
    InputCheck.requireText(body, contentTypeHeader, url);
    Charset cs = detectCharset(body, contentTypeHeader);
    int bom = Charsets.bomLength(body, cs);
    return extractChecked(new String(body, bom, body.length - bom, cs), url);
  }

  /**
   * Extracts from an already decoded HTML string.
   *
   * @throws ExtractionException when the string is binary junk (NUL or control characters)
   */
  public static ExtractedContent extract(String html, String url) {
    Objects.requireNonNull(html, "html");
    InputCheck.requireText(html, url);
    return extractChecked(html, url);
  }

  /**
   * The charset of an HTML body: byte-order mark, else the Content-Type header's charset, else a
   * {@code <meta charset>} or {@code http-equiv} declaration in the first 8 KiB, else sniffed
   * (valid UTF-8, else windows-1251 / KOI8-R for Cyrillic, else windows-1252). Legacy labels on
   * bytes that are valid non-ASCII UTF-8 are treated as UTF-8, as they are mislabels in practice.
   *
   * @param body the raw body
   * @param contentTypeHeader the HTTP Content-Type header, or {@code null}
   */
  public static Charset detectCharset(byte[] body, String contentTypeHeader) {
    Objects.requireNonNull(body, "body");
    return Charsets.detect(body, contentTypeHeader);
  }

  private static ExtractedContent extractChecked(String html, String url) {
    String base = url == null ? "" : url;
    Document doc = Jsoup.parse(html, base);
    List<Element> all = doc.getAllElements(); // one traversal shared by the three steps below
    Metadata md = Metadata.read(doc, all);
    List<String> links = outlinks(all, base);
    MainContent.preclean(all);
    Stats stats = doc.body() == null ? null : Stats.of(doc.body()); // shared by both detectors
    List<Passage> posts =
        md.declaredArticle || stats == null ? List.of() : Threads.detect(doc.body(), stats);
    String text;
    if (!posts.isEmpty()) {
      posts = withArticle(posts, doc, stats, html, base, md);
      text = posts.stream().map(Passage::text).collect(Collectors.joining("\n\n"));
    } else {
      int pageChars = stats == null ? 0 : stats.textLength(doc.body()); // before extract's cuts
      text = MainContent.extract(doc, stats, () -> Jsoup.parse(html, base));
      text = preferArticleBody(text, md.articleBody);
      boolean article = md.declaredArticle || md.articleBody != null;
      text = Listing.orMain(text, pageChars, article, () -> Jsoup.parse(html, base));
    }
    return new ExtractedContent(
        md.title, text, posts, md.language, md.author, md.published, md.canonicalUrl, links);
  }

  /**
   * Comment threads under an undeclared article (a blog post with many comments) look like a forum
   * thread; the article itself must not be lost then. The main-content pass drops comment blocks,
   * so when it finds prose that no post contains, that prose is the first passage.
   */
  private static List<Passage> withArticle(
      List<Passage> posts, Document doc, Stats stats, String html, String base, Metadata md) {
    String article = MainContent.extract(doc, stats, () -> Jsoup.parse(html, base));
    if (article.length() < 250) {
      return posts;
    }
    int prose = 0;
    int inPosts = 0;
    for (String para : article.split("\n\n")) {
      if (para.length() < 40) {
        continue; // headers, names, dates
      }
      prose++;
      String probe = para.substring(0, Math.min(60, para.length()));
      if (posts.stream().anyMatch(p -> p.text().contains(probe))) {
        inPosts++;
      }
    }
    if (inPosts * 2 >= prose) {
      return posts; // the "article" is the thread itself
    }
    List<Passage> out = new ArrayList<>();
    out.add(new Passage(article, md.author, md.published));
    out.addAll(posts);
    return out;
  }

  /**
   * JSON-LD {@code articleBody} is what the publisher calls the article: when the DOM extraction
   * found much less than that, the DOM was misread (or the body is rendered by script).
   */
  private static String preferArticleBody(String text, String articleBody) {
    if (articleBody == null || articleBody.length() < 200) {
      return text;
    }
    String body = articleBody;
    if (body.indexOf('<') >= 0 && body.indexOf('>') > 0) {
      body = Jsoup.parse(body).body().wholeText();
    }
    body = body.strip();
    return text.length() * 2 < body.length() ? paragraphs(body) : text;
  }

  private static String paragraphs(String s) {
    List<String> out = new ArrayList<>();
    for (String line : s.split("\\R")) {
      String l = line.strip().replaceAll("\\s+", " ");
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return String.join("\n\n", out);
  }

  private static List<String> outlinks(List<Element> all, String base) {
    Set<String> links = new LinkedHashSet<>();
    URL baseUrl = null;
    try {
      baseUrl = base.isEmpty() ? null : new URL(base);
    } catch (MalformedURLException e) {
      // relative links cannot be resolved; absolute ones still count
    }
    String origin = origin(baseUrl);
    for (Element a : all) {
      if (!a.normalName().equals("a") || !a.hasAttr("href")) {
        continue;
      }
      String abs = absolute(baseUrl, origin, a.attr("href"));
      if (abs != null) {
        int hash = abs.indexOf('#');
        links.add(hash < 0 ? abs : abs.substring(0, hash));
      }
    }
    return new ArrayList<>(links);
  }

  /**
   * Resolves an href to an absolute http(s) URL, or {@code null}. Cheaper than Jsoup's {@code
   * absUrl} (which runs a regex per link): absolute links are taken as they are.
   */
  static String absolute(URL base, String href) {
    return absolute(base, origin(base), href);
  }

  /**
   * {@code http(s)://authority} of an http(s) base URL, as {@link URL#toExternalForm()} writes it
   * before the path; {@code null} for other bases.
   */
  static String origin(URL base) {
    if (base == null
        || !(base.getProtocol().equals("http") || base.getProtocol().equals("https"))
        || base.getAuthority() == null
        || base.getAuthority().isEmpty()) {
      return null;
    }
    return base.getProtocol() + "://" + base.getAuthority();
  }

  private static String absolute(URL base, String origin, String href) {
    String h = href.strip();
    if (h.isEmpty()) {
      return null;
    }
    for (int i = 0; i < h.length(); i++) {
      if (h.charAt(i) < 0x20) {
        h = h.replaceAll("[\\x00-\\x1f]", "");
        break;
      }
    }
    if (h.regionMatches(true, 0, "http://", 0, 7) || h.regionMatches(true, 0, "https://", 0, 8)) {
      return h.indexOf(' ') < 0 ? h : h.replace(" ", "%20");
    }
    if (base == null || h.indexOf(':') > 0 && !h.startsWith("/") && h.indexOf(':') < firstOf(h)) {
      return null; // mailto:, javascript:, tel:, … or unresolvable
    }
    if (origin != null && isPlainRootRelative(h)) {
      return origin + h;
    }
    try {
      String abs = new URL(base, h.replace(" ", "%20")).toExternalForm();
      return abs.startsWith("http://") || abs.startsWith("https://") ? abs : null;
    } catch (MalformedURLException e) {
      return null;
    }
  }

  /**
   * A root-relative href ({@code /p/1.html?x#y}) that {@code new URL(base, h).toExternalForm()}
   * returns as the base's origin followed by {@code h} unchanged: one '/' first and only URI
   * characters (no spaces or controls to escape). URL keeps the dot segments of such an href as
   * they are; hrefs with {@code "/."} still take the URL path, to stay on the safe side.
   */
  static boolean isPlainRootRelative(String h) {
    if (h.length() < 1 || h.charAt(0) != '/' || (h.length() > 1 && h.charAt(1) == '/')) {
      return false;
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_~!$&'()*+,;=:@/?#%".indexOf(c) >= 0
              || (c == '.' && h.charAt(i - 1) != '/');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int firstOf(String h) {
    int q = h.indexOf('?');
    int s = h.indexOf('/');
    int end = h.length();
    return Math.min(q < 0 ? end : q, s < 0 ? end : s);
  }
}
