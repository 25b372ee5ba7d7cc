package org.vigil.crawler.extract.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Main-content extraction in the Readability tradition: score paragraph-like elements by text
 * length and commas, propagate the scores to their ancestors, penalise link density, pick the best
 * candidate, merge related siblings, then clean the chosen subtree of what looks like boilerplate
 * (link lists, share bars, bylines, forms). Retries with fewer heuristics when the result is too
 * short. Every rule is about DOM structure and generic class/id words, never about a site.
 *
 * <p>This class runs the attempts and tidies the rendered text (label lines, closing calls to
 * action); {@link Scoring} picks the content, {@link Boilerplate} removes what surrounds and
 * litters it, and {@link ClassWeights} judges class and id names for both.
 */
public final class MainContent {
  /** Remove boilerplate-named elements before scoring. */
  static final int STRIP_UNLIKELY = 1;

  /** Add class/id weights to scores. */
  static final int WEIGHT_CLASSES = 2;

  /** Remove link-heavy, form-like or image-only blocks inside the chosen content. */
  static final int CLEAN_CONDITIONALLY = 4;

  private static final int MIN_CHARS = 250;

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

  private final int flags;

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

  /** One attempt with this instance's flags: strip, score, clean, render, tidy the text. */
  private String run(Document doc, Stats stats) {
    Element body = doc.body();
    if (body == null || stats == null) {
      return "";
    }
    ClassWeights weights = new ClassWeights(has(WEIGHT_CLASSES));
    Boilerplate boilerplate = new Boilerplate(stats, weights, has(CLEAN_CONDITIONALLY));
    if (has(STRIP_UNLIKELY)) {
      boilerplate.stripUnlikely(body);
    }
    List<Element> content = new Scoring(stats, weights).content(body);
    for (Element c : content) {
      boilerplate.clean(c);
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
}
