package org.vigil.crawler.extract.internal;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Boilerplate removal around and inside the content. Before scoring, {@link #stripUnlikely} drops
 * what a template marks as not content (navigation, asides, footers, landmark roles, class/id words
 * such as "sidebar" or "cookie", bylines, author boxes), so that it cannot win. After the content
 * block is chosen, {@link #clean} drops what such a block still carries: the title, stand-alone
 * dates, captions, teaser links, link-heavy headings and, conditionally, link lists, share bars,
 * forms and image-only blocks.
 */
final class Boilerplate {
  private static final Keywords UNLIKELY =
      new Keywords(
          "-ad- ai2html banner breadcrumb combx comment community cover-wrap disqus extra footer"
              + " gdpr header legends menu related remark replies rss shoutbox sidebar skyscraper"
              + " social sponsor supplemental ad-break agegate pagination pager popup yom-remote"
              + " cookie consent newsletter subscribe share sharing promo outbrain taboola"
              + " recommend trending most-popular mostpopular signup sign-up nav");
  private static final Keywords MAYBE =
      new Keywords("and article body column content main mathjax shadow story entry text embed");
  private static final Keywords CAPTION = new Keywords("caption credit");
  private static final Keywords BYLINE =
      new Keywords("byline author dateline writtenby p-author timestamp date published");
  private static final Keywords AUTHOR_BOX =
      new Keywords("author-bio authorbio about-author author-box author-info author-description");
  private static final Set<String> UNLIKELY_ROLES =
      Set.of(
          "menu",
          "menubar",
          "complementary",
          "navigation",
          "alert",
          "alertdialog",
          "dialog",
          "banner",
          "contentinfo",
          "search");
  private static final Set<String> BOILERPLATE_TAGS = Set.of("nav", "aside", "footer");
  private static final Set<String> CONDITIONAL =
      Set.of("div", "section", "ul", "ol", "table", "form", "fieldset", "header", "aside");

  private final Stats stats;
  private final ClassWeights weights;
  private final boolean conditionally;

  /**
   * {@code conditionally}: whether {@link #clean} also judges whole blocks by their links, forms
   * and images ({@link MainContent#CLEAN_CONDITIONALLY}).
   */
  Boilerplate(Stats stats, ClassWeights weights, boolean conditionally) {
    this.stats = stats;
    this.weights = weights;
    this.conditionally = conditionally;
  }

  /** Removes the elements of {@code body} that look like boilerplate by name, role or tag. */
  void stripUnlikely(Element body) {
    stats.forEachLive(
        e -> {
          if (isUnlikely(e, body)) {
            stats.detach(e);
          }
        });
  }

  /**
   * Whether {@code e} is boilerplate: a boilerplate tag or landmark role, an unlikely class/id word
   * with no content word beside it and no table or code around it, a short byline, or an author
   * box. The body, links and article/main elements never are.
   */
  private boolean isUnlikely(Element e, Element body) {
    String tag = e.normalName();
    if (e == body || tag.equals("a") || tag.equals("article") || tag.equals("main")) {
      return false;
    }
    if (BOILERPLATE_TAGS.contains(tag) || UNLIKELY_ROLES.contains(e.attr("role"))) {
      return true;
    }
    String match = classAndId(e);
    if (match.isEmpty()) {
      return false;
    }
    if (UNLIKELY.in(match) && !MAYBE.in(match) && !hasAncestor(e, "table", "code")) {
      return true;
    }
    return (BYLINE.in(match) && stats.get(e).text < 100) || AUTHOR_BOX.in(match);
  }

  private static String classAndId(Element e) {
    String c = e.attr("class");
    String id = e.attr("id");
    if (c.isEmpty() && id.isEmpty()) {
      return "";
    }
    return (c + " " + id).toLowerCase(Locale.ROOT);
  }

  private static boolean hasAncestor(Element e, String tag1, String tag2) {
    for (Element a = e.parent(); a != null; a = a.parent()) {
      String t = a.normalName();
      if (t.equals(tag1) || t.equals(tag2)) {
        return true;
      }
    }
    return false;
  }

  /** Removes what is not body text from {@code root}, a chosen content element (kept itself). */
  void clean(Element root) {
    Elements all = root.getAllElements();
    for (int i = all.size() - 1; i >= 1; i--) { // reverse: descendants before ancestors
      Element e = all.get(i);
      if (e.parent() == null) {
        continue;
      }
      String tag = e.normalName();
      if (tag.equals("h1")
          || tag.equals("figcaption")
          || (tag.equals("time") && !inParagraph(e))
          || (tag.equals("figure") && stats.get(e).text < 300)
          || (isCaption(e) && stats.get(e).text < 300)) {
        // the title, stand-alone dates and picture captions/credits are not body text
        stats.detach(e);
      } else if (tag.equals("p") && isTeaser(stats.get(e))) {
        stats.detach(e); // "Read more: <link>" or a bare link: a teaser for another page
      } else if (Tags.isHeading(tag)) {
        if (weights.of(e) < 0 || stats.get(e).linkDensity() > 0.33) {
          stats.detach(e);
        }
      } else if (conditionally && CONDITIONAL.contains(tag) && shouldRemove(e, tag)) {
        stats.detach(e);
      }
    }
  }

  private static boolean isTeaser(Stats.S s) {
    double ld = s.linkDensity();
    return s.text > 0 && (ld >= 0.9 || (ld >= 0.6 && s.text < 200));
  }

  private static boolean isCaption(Element e) {
    String c = e.attr("class");
    return !c.isEmpty() && CAPTION.in(c.toLowerCase(Locale.ROOT));
  }

  private static boolean inParagraph(Element e) {
    String p = e.parent() == null ? "" : e.parent().normalName();
    return p.equals("p") || p.equals("li") || p.equals("td") || p.equals("span");
  }

  /**
   * Whether a block inside the content is not body text: a negative class weight or, unless it has
   * ten commas or is an embedded post, images outnumbering paragraphs twice over outside a figure,
   * over a hundred list items more than paragraphs outside a list, more inputs than a third of its
   * paragraphs, a short text that is not mostly heading, or more links than its kind allows.
   */
  private boolean shouldRemove(Element e, String tag) {
    int weight = weights.of(e);
    if (weight < 0) {
      return true;
    }
    Stats.S s = stats.get(e);
    if (s.commas >= 10) {
      return false;
    }
    String cls = e.attr("class");
    if ((cls.contains("embed") || cls.contains("tweet")) && s.linkDensity() < 0.6) {
      return false; // embedded posts (tweets, quotes) carry links by nature but are content
    }
    boolean isList = tag.equals("ul") || tag.equals("ol");
    if (!isList && s.text > 0 && stats.get(e).li > 0) {
      isList = listTextRatio(e) > 0.9;
    }
    int p = s.p;
    int img = s.img;
    int li = s.li - 100;
    int input = s.input;
    double headingDensity = s.text == 0 ? 0 : (double) s.heading / s.text;
    double ld = s.linkDensity();
    boolean inFigure = hasAncestor(e, "figure", "figure");
    return (img > 1 && (double) p / img < 0.5 && !inFigure)
        || (!isList && li > p)
        || (input > p / 3)
        || (!isList && headingDensity < 0.9 && s.text < 25 && (img == 0 || img > 2) && !inFigure)
        || (!isList && weight < 25 && ld > 0.2)
        || (weight >= 25 && ld > 0.5)
        || (isList && ld > 0.5);
  }

  private double listTextRatio(Element e) {
    int listText = 0;
    for (Element li : e.getElementsByTag("li")) {
      listText += stats.get(li).text;
    }
    return (double) listText / stats.get(e).text;
  }
}
