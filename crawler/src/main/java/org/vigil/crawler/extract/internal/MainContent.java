package org.vigil.crawler.extract.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Main-content extraction in the Readability tradition: score paragraph-like elements by text
 * length and commas, propagate the scores to their ancestors, penalise link density, pick the best
 * candidate, merge related siblings, then clean the chosen subtree of what looks like boilerplate
 * (link lists, share bars, bylines, forms). Retries with fewer heuristics when the result is too
 * short. Every rule is about DOM structure and generic class/id words, never about a site.
 */
public final class MainContent {
  /** Remove boilerplate-named elements before scoring. */
  static final int STRIP_UNLIKELY = 1;

  /** Add class/id weights to scores. */
  static final int WEIGHT_CLASSES = 2;

  /** Remove link-heavy, form-like or image-only blocks inside the chosen content. */
  static final int CLEAN_CONDITIONALLY = 4;

  private static final int MIN_CHARS = 250;

  private static final Keywords UNLIKELY =
      new Keywords(
          "-ad- ai2html banner breadcrumb combx comment community cover-wrap disqus extra footer"
              + " gdpr header legends menu related remark replies rss shoutbox sidebar skyscraper"
              + " social sponsor supplemental ad-break agegate pagination pager popup yom-remote"
              + " cookie consent newsletter subscribe share sharing promo outbrain taboola"
              + " recommend trending most-popular mostpopular signup sign-up nav");
  private static final Keywords MAYBE =
      new Keywords("and article body column content main mathjax shadow story entry text embed");
  private static final Keywords NEGATIVE =
      new Keywords(
          "-ad- banner combx comment com- contact foot footnote gdpr masthead media meta"
              + " outbrain promo related scroll share shoutbox sidebar skyscraper sponsor shopping"
              + " tags tool widget byline author dateline caption cookie newsletter subscribe"
              + " recommend social breadcrumb nav menu");
  private static final Keywords POSITIVE =
      new Keywords(
          "article body content entry hentry h-entry main pagination post text blog story");
  private static final Keywords PROMO =
      new Keywords(
          "follow us|follow him|follow her|sign up|subscribe|newsletter|click here|download the"
              + "|get the app|on twitter|on facebook|on instagram",
          '|');
  private static final String[] LABEL_PREFIXES = {
    "related:", "read more:", "see more:", "see also:", "also read:", "more:", "recommended:",
    "trending:", "don't miss", "don’t miss", "watch:", "most read", "more from", "advertisement"
  };
  private static final Set<String> LABEL_LINES =
      Set.of(
          "advertisement",
          "related",
          "related articles",
          "related stories",
          "related content",
          "read more",
          "more stories",
          "recommended",
          "trending",
          "you may also like",
          "story continues below",
          "continue reading",
          "continue reading below",
          "share",
          "share this",
          "share this article",
          "sponsored",
          "sponsored content");
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
  private static final Set<String> ALWAYS_DROP =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "svg",
          "math",
          "iframe",
          "object",
          "embed",
          "canvas",
          "video",
          "audio",
          "button",
          "input",
          "select",
          "textarea",
          "option",
          "link",
          "meta",
          "head",
          "title",
          "dialog",
          "map",
          "picture",
          "source");
  private static final Set<String> BOILERPLATE_TAGS = Set.of("nav", "aside", "footer");
  private static final Set<String> CONDITIONAL =
      Set.of("div", "section", "ul", "ol", "table", "form", "fieldset", "header", "aside");

  private final int flags;
  private final Map<Element, Double> scores = new IdentityHashMap<>();
  private final Map<Element, Integer> weights = new IdentityHashMap<>();
  private Stats stats;

  private MainContent(int flags) {
    this.flags = flags;
  }

  /**
   * Extracts the main text. {@code reparse} gives a fresh copy of the document for the retries (the
   * first attempt consumes {@code doc}).
   */
  public static String extract(
      Document doc, Stats docStats, java.util.function.Supplier<Document> reparse) {
    int[] attempts = {
      STRIP_UNLIKELY | WEIGHT_CLASSES | CLEAN_CONDITIONALLY,
      WEIGHT_CLASSES | CLEAN_CONDITIONALLY,
      CLEAN_CONDITIONALLY,
      0
    };
    String best = "";
    // Retrying only helps when the page holds more text than the first attempt found.
    int total = docStats == null || doc.body() == null ? 0 : docStats.get(doc.body()).text;
    for (int k = 0; k < attempts.length; k++) {
      Document d = doc;
      Stats st = docStats;
      if (k > 0) {
        d = reparse.get();
        preclean(d);
        st = d.body() == null ? null : Stats.of(d.body());
      }
      String text = new MainContent(attempts[k]).run(d, st);
      if (text.length() > best.length()) {
        best = text;
      }
      if (best.length() >= MIN_CHARS || best.length() >= total * 0.9) {
        break;
      }
    }
    return best;
  }

  /** Drops what is never content: scripts, styles, media, form controls, hidden elements. */
  public static void preclean(Document doc) {
    preclean(doc.getAllElements());
  }

  /** As {@link #preclean(Document)}, given the document's elements in order. */
  public static void preclean(List<Element> all) {
    List<Element> drop = new ArrayList<>();
    for (Element e : all) {
      if (ALWAYS_DROP.contains(e.normalName()) || isHidden(e)) {
        drop.add(e);
      }
    }
    for (Element e : drop) {
      e.remove();
    }
  }

  private static boolean isHidden(Element e) {
    if (e.hasAttr("hidden")) {
      return true;
    }
    String style = e.attr("style");
    if (!style.isEmpty()) {
      String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
      if (s.contains("display:none") || s.contains("visibility:hidden")) {
        return true;
      }
    }
    return e.attr("aria-hidden").equals("true") && !e.className().contains("fallback-image");
  }

  private String run(Document doc, Stats st) {
    Element body = doc.body();
    if (body == null || st == null) {
      return "";
    }
    stats = st;
    if (has(STRIP_UNLIKELY)) {
      stripUnlikely(body);
    }
    Element top = topCandidate(body);
    List<Element> content = top == null ? List.of(body) : withSiblings(top);
    for (Element c : content) {
      clean(c);
    }
    int textLength = 0;
    for (Element c : content) {
      textLength += stats.get(c).text;
    }
    // paragraph breaks come on top of the counted text
    return dropTrailingPromos(dropLabelLines(Text.render(content, textLength + textLength / 16)));
  }

  /**
   * Removes short lines that label or advertise other content ("Advertisement", "Related: …", "READ
   * MORE: …", "Don't miss") wherever they sit between the article's paragraphs.
   */
  static String dropLabelLines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int[] bounds = paragraphBounds(text);
    for (int k = 0; k < bounds.length; k += 2) {
      int start = bounds[k];
      int end = bounds[k + 1];
      if (end - start < 150 && isLabel(text.substring(start, end).toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(text, start, end);
    }
    return out.toString();
  }

  /**
   * The [start, end) pairs of the parts of {@code text.split("\n\n")}, without its regex and
   * substrings: the parts between non-overlapping blank-line breaks from the left, trailing empty
   * parts dropped, and the whole text when it has no break.
   */
  static int[] paragraphBounds(String text) {
    int[] bounds = new int[16];
    int n = 0;
    int start = 0;
    int brk;
    while ((brk = text.indexOf("\n\n", start)) >= 0) {
      if (n + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[n++] = start;
      bounds[n++] = brk;
      start = brk + 2;
    }
    if (start == 0) {
      return new int[] {0, text.length()};
    }
    if (n + 2 > bounds.length) {
      bounds = Arrays.copyOf(bounds, bounds.length + 2);
    }
    bounds[n++] = start;
    bounds[n++] = text.length();
    while (n > 0 && bounds[n - 1] == bounds[n - 2]) {
      n -= 2; // split drops trailing empty parts
    }
    return Arrays.copyOf(bounds, n);
  }

  private static boolean isLabel(String p) {
    String t = p.strip();
    for (String prefix : LABEL_PREFIXES) {
      if (t.startsWith(prefix)) {
        return true;
      }
    }
    return LABEL_LINES.contains(t.replaceAll("[^\\p{L} ']", "").strip());
  }

  /**
   * Removes short calls to action that close many articles ("Follow us on Twitter", "Sign up for
   * our newsletter"): they sit inside the content container, so structure alone cannot tell them
   * from the last paragraph. "Join our …" is deliberately not a promo phrase: for Vigil a closing
   * call to join is evidence, not boilerplate. The first paragraph is never dropped, so a short
   * one-paragraph post always keeps its text.
   */
  static String dropTrailingPromos(String text) {
    int end = text.length();
    while (end > 0) {
      int start = text.lastIndexOf("\n\n", end - 1);
      if (start < 0) {
        break;
      }
      int from = start + 2;
      String para = text.substring(from, end);
      if (para.length() > 250 || !PROMO.in(para.toLowerCase(Locale.ROOT))) {
        break;
      }
      end = start;
    }
    return text.substring(0, end);
  }

  private boolean has(int flag) {
    return (flags & flag) != 0;
  }

  private void stripUnlikely(Element body) {
    stats.forEachLive(
        e -> {
          if (isUnlikely(e, body)) {
            stats.detach(e);
          }
        });
  }

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

  private int weight(Element e) {
    if (!has(WEIGHT_CLASSES)) {
      return 0;
    }
    Integer w = weights.get(e);
    if (w != null) {
      return w;
    }
    int weight = 0;
    for (String s : new String[] {e.attr("class"), e.attr("id")}) {
      if (!s.isEmpty()) {
        s = s.toLowerCase(Locale.ROOT);
        String tokens = " " + s + " ";
        if ((NEGATIVE.in(s) && !s.contains("embed"))
            || tokens.contains(" hid ")
            || tokens.contains(" hidden ")) {
          weight -= 25;
        }
        if (POSITIVE.in(s)) {
          weight += 25;
        }
      }
    }
    if (e.attr("itemprop").equalsIgnoreCase("articleBody")) {
      weight += 50;
    }
    if (e.attr("role").equals("main") || e.normalName().equals("article")) {
      weight += 10;
    }
    weights.put(e, weight);
    return weight;
  }

  // ---- scoring ----

  private Element topCandidate(Element body) {
    stats.forEachLive(e -> scoreElement(e, body));
    if (scores.isEmpty()) {
      return null;
    }
    List<Map.Entry<Element, Double>> ranked = new ArrayList<>();
    for (Map.Entry<Element, Double> en : scores.entrySet()) {
      en.setValue(en.getValue() * (1 - stats.get(en.getKey()).linkDensity()));
      ranked.add(en);
    }
    ranked.sort(Map.Entry.<Element, Double>comparingByValue(Comparator.reverseOrder()));
    Element top = ranked.get(0).getKey();
    double topScore = ranked.get(0).getValue();
    top = commonAncestorOfAlternatives(top, topScore, ranked, body);
    return climb(top, body);
  }

  private void scoreElement(Element e, Element body) {
    String tag = e.normalName();
    Stats.S s = stats.get(e);
    boolean divLike = tag.equals("div") || tag.equals("section") || tag.equals("article");
    if (divLike && s.blockChildren == 0) {
      int breaks = lineBreaks(e);
      if (breaks >= 2 && s.text > 200) {
        // text split by <br>s: several paragraphs whose parent is this div
        scoreParagraph(e, s.text, s.commas, 1 + breaks / 2, body);
      } else {
        scoreParagraph(e.parent(), s.text, s.commas, 1, body);
      }
    } else if (tag.equals("p")
        || tag.equals("pre")
        || tag.equals("td")
        || tag.equals("blockquote")) {
      scoreParagraph(e.parent(), s.text, s.commas, 1, body);
    } else if (divLike) {
      // loose text between block children, e.g. <br>-separated paragraphs: the div is the
      // paragraph's parent
      scoreParagraph(e, ownText(e), 0, 1, body);
    }
  }

  private static int lineBreaks(Element e) {
    int n = 0;
    for (Element c : e.children()) {
      if (c.normalName().equals("br")) {
        n++;
      }
    }
    return n;
  }

  private void scoreParagraph(Element first, int len, int commas, int paragraphs, Element body) {
    if (len < 25 || first == null) {
      return;
    }
    double score = paragraphs + commas + Math.min(len / 100, 3 * paragraphs);
    Element a = first;
    for (int level = 0; a != null && level < 5 && a != body.parent(); level++, a = a.parent()) {
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      Double cur = scores.get(a);
      if (cur == null) {
        cur = base(a) + (double) weight(a);
      }
      scores.put(a, cur + score / divider);
    }
  }

  private int ownText(Element e) {
    int total = stats.get(e).text;
    for (Element c : e.children()) {
      if (Tags.isBlock(c.normalName())) {
        total -= stats.get(c).text;
      }
    }
    return total;
  }

  private static int base(Element e) {
    switch (e.normalName()) {
      case "div", "article", "section", "main":
        return 5;
      case "pre", "td", "blockquote":
        return 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form":
        return -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th":
        return -5;
      default:
        return 0;
    }
  }

  private Element commonAncestorOfAlternatives(
      Element top, double topScore, List<Map.Entry<Element, Double>> ranked, Element body) {
    List<Element> alternatives = new ArrayList<>();
    for (int i = 1; i < Math.min(5, ranked.size()); i++) {
      if (ranked.get(i).getValue() / topScore >= 0.75) {
        alternatives.add(ranked.get(i).getKey());
      }
    }
    if (alternatives.size() < 3) {
      return top;
    }
    for (Element parent = top.parent();
        parent != null && parent != body;
        parent = parent.parent()) {
      int contained = 0;
      for (Element alt : alternatives) {
        if (isAncestor(parent, alt)) {
          contained++;
        }
      }
      if (contained >= 3) {
        return parent;
      }
    }
    return top;
  }

  private static boolean isAncestor(Element a, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == a) {
        return true;
      }
    }
    return false;
  }

  /** Moves up while the parent scores better, and out of single-child wrappers. */
  private Element climb(Element top, Element body) {
    double last = score(top);
    double threshold = last / 3;
    for (Element parent = top.parent();
        parent != null && parent != body;
        parent = parent.parent()) {
      Double ps = scores.get(parent);
      if (ps == null) {
        continue;
      }
      if (ps < threshold) {
        break;
      }
      if (ps > last) {
        top = parent;
        break;
      }
      last = ps;
    }
    while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return top;
  }

  private double score(Element e) {
    Double s = scores.get(e);
    return s == null ? 0 : s;
  }

  private List<Element> withSiblings(Element top) {
    Element parent = top.parent();
    if (parent == null || top.normalName().equals("body")) {
      return List.of(top);
    }
    double topScore = score(top);
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = top.className();
    List<Element> out = new ArrayList<>();
    for (Element sib : parent.children()) {
      if (sib == top) {
        out.add(sib);
        continue;
      }
      double bonus = !topClass.isEmpty() && sib.className().equals(topClass) ? topScore * 0.2 : 0;
      Double ss = scores.get(sib);
      if (ss != null && ss + bonus >= threshold) {
        out.add(sib);
      } else if (sib.normalName().equals("p")) {
        Stats.S s = stats.get(sib);
        double ld = s.linkDensity();
        if ((s.text > 80 && ld < 0.25)
            || (s.text > 0 && s.text <= 80 && ld == 0 && endsSentence(sib))) {
          out.add(sib);
        }
      }
    }
    return out;
  }

  private static boolean endsSentence(Element e) {
    String t = e.text();
    return t.contains(". ") || t.endsWith(".");
  }

  // ---- cleaning ----

  private void clean(Element root) {
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
        if (weight(e) < 0 || stats.get(e).linkDensity() > 0.33) {
          stats.detach(e);
        }
      } else if (has(CLEAN_CONDITIONALLY) && CONDITIONAL.contains(tag) && shouldRemove(e, tag)) {
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

  private boolean shouldRemove(Element e, String tag) {
    int weight = weight(e);
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
