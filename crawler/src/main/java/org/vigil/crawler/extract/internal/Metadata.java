package org.vigil.crawler.extract.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Page metadata from meta tags (OpenGraph, {@code article:*}, {@code citation_*}, Dublin Core),
 * JSON-LD and {@code <time datetime>}. Each field takes the first source that has a value, in the
 * order of how reliable that source is in practice.
 */
public final class Metadata {
  public String title = "";
  public String author;
  public Instant published;
  public String language;
  public String canonicalUrl;

  /**
   * Whether the page declares itself a single article (og:type article, JSON-LD Article types):
   * then repeated blocks with authors and times are comments or teasers, not a thread.
   */
  public boolean declaredArticle;

  /** The JSON-LD {@code articleBody} when present: a strong hint of what the main text is. */
  public String articleBody;

  private static final String[] DATE_KEYS = {
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "datepublished",
    "article:modified_time",
    "og:updated_time"
  };
  private static final String[] AUTHOR_KEYS = {
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "twitter:creator"
  };

  private Metadata() {}

  /**
   * Reads all metadata from the (not yet cleaned) document in one pass over {@code all}, the
   * document's elements in order.
   */
  public static Metadata read(Document doc, List<Element> all) {
    Metadata md = new Metadata();
    Map<String, String> meta = new HashMap<>();
    List<String> citationAuthors = new ArrayList<>();
    Scan scan = Scan.of(all);
    List<Element> metas = scan.metas;
    List<Element> ldScripts = scan.ldScripts;
    Element canonical = scan.canonical;
    Element time = scan.time;
    Element title = scan.title;
    Element h1 = scan.h1;
    for (Element m : metas) {
      String key = m.hasAttr("property") ? m.attr("property") : m.attr("name");
      if (key.isEmpty()) {
        key = m.attr("itemprop");
      }
      if (key.isEmpty()) {
        key = m.attr("http-equiv");
      }
      String content = m.attr("content").trim();
      if (key.isEmpty() || content.isEmpty()) {
        continue;
      }
      key = key.toLowerCase(Locale.ROOT);
      if (key.equals("citation_author") || key.equals("dc.creator")) {
        citationAuthors.add(content);
      }
      meta.putIfAbsent(key, content);
    }
    JsonLd ld = JsonLd.read(ldScripts);

    md.title =
        first(
            meta.get("og:title"),
            ld.headline,
            meta.get("twitter:title"),
            title == null ? null : title.text());
    if (md.title == null) {
      md.title = h1 == null ? "" : h1.text();
    }
    md.title = Text.normalize(md.title);

    md.author = ld.author;
    if (md.author == null && citationAuthors.size() > 1) {
      md.author = String.join(", ", new LinkedHashSet<>(citationAuthors));
    }
    for (int k = 0; md.author == null && k < AUTHOR_KEYS.length; k++) {
      md.author = personName(meta.get(AUTHOR_KEYS[k]));
    }
    if (md.author == null) {
      md.author = bylineAuthor(doc);
    }

    md.published = Dates.parse(ld.datePublished);
    for (int k = 0; md.published == null && k < DATE_KEYS.length; k++) {
      md.published = Dates.parse(meta.get(DATE_KEYS[k]));
    }
    if (md.published == null && time != null) {
      String v = time.hasAttr("datetime") ? time.attr("datetime") : time.attr("content");
      md.published = Dates.parse(v.isEmpty() ? time.text() : v);
    }

    md.language = language(doc, meta, ld);
    md.canonicalUrl = canonical != null ? canonical.absUrl("href") : null;
    if (md.canonicalUrl == null || md.canonicalUrl.isEmpty()) {
      md.canonicalUrl = null;
    }
    md.articleBody = ld.articleBody;
    md.declaredArticle = ld.article || "article".equalsIgnoreCase(meta.get("og:type"));
    return md;
  }

  /**
   * The elements metadata is read from, found in one pass over the document's elements. A method of
   * its own so that the JIT compiles this loop (run for every element) without the rest of {@link
   * #read} (run once per page) inlined into it.
   */
  private static final class Scan {
    final List<Element> metas = new ArrayList<>();
    final List<Element> ldScripts = new ArrayList<>();
    Element canonical;
    Element time;
    Element title;
    Element h1;

    static Scan of(List<Element> all) {
      Scan scan = new Scan();
      for (Element e : all) {
        scan.visit(e);
      }
      return scan;
    }

    private void visit(Element e) {
      switch (e.normalName()) {
        case "meta" -> metas.add(e);
        case "script" -> {
          if (e.attr("type").equalsIgnoreCase("application/ld+json")) {
            ldScripts.add(e);
          }
        }
        case "link" -> {
          if (canonical == null
              && e.attr("rel").equalsIgnoreCase("canonical")
              && e.hasAttr("href")) {
            canonical = e;
          }
        }
        case "title" -> title = title == null ? e : title;
        case "h1" -> h1 = h1 == null ? e : h1;
        default -> {}
      }
      if (time == null && isPublishTime(e)) {
        time = e;
      }
    }
  }

  /** A person's name, or {@code null} for empty values and profile URLs. */
  static String personName(String value) {
    if (value == null) {
      return null;
    }
    String v = Text.normalize(value);
    if (v.isEmpty() || v.startsWith("http://") || v.startsWith("https://") || v.length() > 200) {
      return null;
    }
    return v;
  }

  // Parsed once: jsoup otherwise re-parses a selector string on every call, i.e. on every page.
  private static final Evaluator BYLINE_AUTHOR =
      QueryParser.parse(
          "[itemprop=author] [itemprop=name], [itemprop=author], [rel=author], .byline-name,"
              + " .author-name, .byline .author, .author");
  private static final Evaluator HTML_LANG = QueryParser.parse("html[lang]");

  private static String bylineAuthor(Document doc) {
    Element e = doc.selectFirst(BYLINE_AUTHOR);
    if (e == null) {
      return null;
    }
    String name = e.hasAttr("content") ? e.attr("content") : e.text();
    name = Text.normalize(name);
    if (name.regionMatches(true, 0, "by ", 0, 3)) {
      name = name.substring(3).trim();
    }
    return name.isEmpty() || name.length() > 100 ? null : personName(name);
  }

  /** A {@code <time datetime>} or an element marked up as the publication date. */
  private static boolean isPublishTime(Element e) {
    if (e.normalName().equals("time")) {
      return e.hasAttr("datetime");
    }
    return e.attr("itemprop").equals("datePublished");
  }

  private static String language(Document doc, Map<String, String> meta, JsonLd ld) {
    Element html = doc.selectFirst(HTML_LANG);
    String lang = first(html == null ? null : html.attr("lang"), meta.get("content-language"));
    if (lang == null) {
      lang = first(meta.get("og:locale"), meta.get("dc.language"), ld.inLanguage);
    }
    if (lang == null) {
      return null;
    }
    String primary = primarySubtag(lang.trim()).toLowerCase(Locale.ROOT);
    return primary.length() >= 2 && primary.length() <= 3 && isLowerAsciiLetters(primary)
        ? primary
        : null;
  }

  /** What precedes the first '-', '_', ',', ';' or whitespace (as regex \\s): "en" of "en-GB". */
  static String primarySubtag(String lang) {
    for (int i = 0; i < lang.length(); i++) {
      char c = lang.charAt(i);
      if (c == '-' || c == '_' || c == ',' || c == ';' || c == ' ' || (c >= '\t' && c <= '\r')) {
        return lang.substring(0, i);
      }
    }
    return lang;
  }

  private static boolean isLowerAsciiLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  /** The interesting fields of a page's JSON-LD article object(s). */
  static final class JsonLd {
    String headline;
    String author;
    String datePublished;
    String articleBody;
    String inLanguage;
    boolean article;

    static JsonLd read(List<Element> scripts) {
      JsonLd ld = new JsonLd();
      List<Map<?, ?>> all = new ArrayList<>();
      for (Element s : scripts) {
        Object json = MiniJson.parse(s.data());
        List<Map<?, ?>> objects = new ArrayList<>();
        flatten(json, objects, 0);
        all.addAll(objects);
      }
      // Article-like objects first; a generic WebPage only fills what they leave empty.
      for (Map<?, ?> o : all) {
        if (isArticle(o) && !"WebPage".equals(o.get("@type"))) {
          ld.take(o);
          Object type = o.get("@type");
          ld.article |=
              !"DiscussionForumPosting".equals(type) && !"SocialMediaPosting".equals(type);
        }
      }
      for (Map<?, ?> o : all) {
        if ("WebPage".equals(o.get("@type"))) {
          ld.take(o);
        }
      }
      return ld;
    }

    private void take(Map<?, ?> o) {
      headline = headline != null ? headline : str(o.get("headline"));
      datePublished = datePublished != null ? datePublished : str(o.get("datePublished"));
      inLanguage = inLanguage != null ? inLanguage : str(o.get("inLanguage"));
      String body = str(o.get("articleBody"));
      if (body == null) {
        body = str(o.get("text"));
      }
      if (body != null && (articleBody == null || body.length() > articleBody.length())) {
        articleBody = body;
      }
      if (author == null) {
        Set<String> names = new LinkedHashSet<>();
        authors(o.get("author"), names);
        author = names.isEmpty() ? null : String.join(", ", names);
      }
    }

    private static void authors(Object a, Set<String> out) {
      if (a instanceof List<?> list) {
        list.forEach(x -> authors(x, out));
      } else if (a instanceof Map<?, ?> m) {
        authors(m.get("name"), out);
      } else if (a instanceof String s) {
        String name = personName(s);
        if (name != null) {
          out.add(name);
        }
      }
    }

    private static boolean isArticle(Map<?, ?> o) {
      Object type = o.get("@type");
      if (type instanceof List<?> l) {
        return l.stream().anyMatch(t -> t instanceof String s && articleType(s));
      }
      return type instanceof String s && articleType(s);
    }

    private static boolean articleType(String t) {
      return t.endsWith("Article")
          || t.equals("BlogPosting")
          || t.equals("SocialMediaPosting")
          || t.equals("DiscussionForumPosting")
          || t.equals("Report")
          || t.equals("LiveBlogPosting")
          || t.equals("WebPage");
    }

    private static void flatten(Object json, List<Map<?, ?>> out, int depth) {
      if (depth > 4) {
        return;
      }
      if (json instanceof List<?> list) {
        list.forEach(x -> flatten(x, out, depth + 1));
      } else if (json instanceof Map<?, ?> m) {
        out.add(m);
        flatten(m.get("@graph"), out, depth + 1);
        flatten(m.get("mainEntity"), out, depth + 1);
      }
    }

    private static String str(Object v) {
      if (v instanceof List<?> l && !l.isEmpty()) {
        v = l.get(0);
      }
      return v instanceof String s && !s.isBlank() ? s.trim() : null;
    }
  }
}
