package org.vigil.crawler.extract.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The text of a page that is not an article: a home page, a list of posts, a tag, author or index
 * page. Main-content extraction looks for one block of prose; on such pages it finds a biography
 * box, one teaser or the theme's footer line, and misses what the page is: its headings, the titles
 * (link texts) and summaries of what it lists. This reads the page's main region ({@code main},
 * else the body) without navigation, header bars, sidebars and footers, in document order.
 */
public final class Listing {
  /**
   * Main content of at least {@link #WEAK_MAIN} chars that is at least this share of the page's
   * text is the page (an article with some navigation around it): the listing is not looked at.
   */
  static final double MAIN_SHARE = 0.6;

  /**
   * Main content shorter than this may be no article at all (a footer line, a caption): the listing
   * replaces it when it has more text and does not contain it (the main content was boilerplate),
   * or has twice as much.
   */
  static final int WEAK_MAIN = 250;

  /**
   * Longer main content is replaced only on a page that lists this many titled items or more (a
   * home or list page), and only by a listing of at least {@link #MORE} times its length.
   */
  static final int MIN_ITEMS = 3;

  static final double MORE = 1.5;

  private static final Set<String> DROP_TAGS = Set.of("nav", "aside", "footer", "form");
  private static final Set<String> DROP_ROLES =
      Set.of("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar");
  private static final Keywords DROP_CLASSES =
      new Keywords(
          "footer navbar sidebar breadcrumb pagination pager skip-link sr-only cookie consent"
              + " newsletter subscribe share sharing social-icons menu");

  private Listing() {}

  /**
   * The main content, or the page's listing text when the page is not a declared article, the main
   * content is a small share of the page's text and the listing has much more.
   *
   * @param main the main-content text
   * @param pageChars the page body's text length (before extraction)
   * @param declaredArticle whether the page declares itself one article (og:type, JSON-LD)
   * @param fresh a fresh copy of the document (extraction consumed the first)
   */
  public static String orMain(
      String main, int pageChars, boolean declaredArticle, Supplier<Document> fresh) {
    boolean weak = main.length() < WEAK_MAIN;
    if (declaredArticle || (!weak && main.length() >= pageChars * MAIN_SHARE)) {
      return main;
    }
    Document doc = fresh.get();
    if (titledLinks(doc) >= MIN_ITEMS) { // a home, list or tag page
      String listing = text(doc);
      return listing.length() > main.length() * MORE ? listing : main;
    }
    if (!weak) {
      return main; // prose of its own and no list of titled items: an article
    }
    String listing = text(doc);
    // a short main text that the listing does not contain was boilerplate (a footer line)
    boolean boilerplate = !listing.contains(main.substring(0, Math.min(60, main.length())));
    return (boilerplate && listing.length() > main.length())
            || listing.length() >= 2 * main.length()
        ? listing
        : main;
  }

  /** Headings that are links (or links around headings): the titles of listed items. */
  private static int titledLinks(Document doc) {
    return doc.select(
            "h1 a[href], h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4")
        .size();
  }

  /** The listing text of a document (consumed: boilerplate is removed from it). */
  static String text(Document doc) {
    Element body = doc.body();
    if (body == null) {
      return "";
    }
    MainContent.preclean(doc);
    Element region = body.selectFirst("main, [role=main]");
    if (region == null) {
      region = body;
    }
    List<Element> drop = new ArrayList<>();
    for (Element e : region.getAllElements()) {
      if (e != region && isBoilerplate(e)) {
        drop.add(e);
      }
    }
    for (Element e : drop) {
      e.remove(); // removing an ancestor first leaves its removed descendants detached: harmless
    }
    return MainContent.dropLabelLines(Text.render(List.of(region)));
  }

  private static boolean isBoilerplate(Element e) {
    String tag = e.normalName();
    if (DROP_TAGS.contains(tag)) {
      return true;
    }
    if (tag.equals("header") && e.closest("article") == null) {
      // a site's header bar; a page header with the page's title (h1) stays
      return e.selectFirst("h1") == null;
    }
    String role = e.attr("role");
    if (!role.isEmpty() && DROP_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
      return true;
    }
    String cls = e.className();
    String id = e.id();
    String names = (cls.isEmpty() ? id : id.isEmpty() ? cls : cls + " " + id);
    return DROP_CLASSES.in(names.toLowerCase(Locale.ROOT));
  }
}
