package org.vigil.crawler.extract.internal;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The class/id weight of an element, Readability's hint from how a template names its blocks: -25
 * for a boilerplate word in the class or id ("sidebar", "share", "comment", …), +25 for a content
 * word ("article", "post", …), +50 for {@code itemprop=articleBody}, +10 for the main role or an
 * {@code <article>}. Scoring adds it to a candidate's score; cleaning drops what weighs negative.
 */
final class ClassWeights {
  private static final Keywords NEGATIVE =
      new Keywords(
          "-ad- banner combx comment com- contact foot footnote gdpr masthead media meta"
              + " outbrain promo related scroll share shoutbox sidebar skyscraper sponsor shopping"
              + " tags tool widget byline author dateline caption cookie newsletter subscribe"
              + " recommend social breadcrumb nav menu");
  private static final Keywords POSITIVE =
      new Keywords(
          "article body content entry hentry h-entry main pagination post text blog story");

  private final boolean enabled;

  /** Weights already computed: class and id never change while an attempt prunes the tree. */
  private final Map<Element, Integer> weights = new IdentityHashMap<>();

  /**
   * {@code enabled} false makes every weight 0: the later retries do without {@link
   * MainContent#WEIGHT_CLASSES} when the attempts that trusted class names found too little.
   */
  ClassWeights(boolean enabled) {
    this.enabled = enabled;
  }

  /** The weight of {@code e}'s class, id, itemprop and role; 0 when weights are disabled. */
  int of(Element e) {
    if (!enabled) {
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
}
