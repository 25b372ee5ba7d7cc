package org.vigil.crawler.extract.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Readability's choice of the content block. Paragraph-like elements score by text length and
 * commas; the score goes to their parent and, divided, to up to four further ancestors; each
 * candidate's total shrinks by its link density. The best candidate (or the ancestor it shares with
 * several close alternatives) climbs to a better-scoring parent and out of single-child wrappers,
 * and takes along the siblings that score well or read as prose.
 */
final class Scoring {
  private final Stats stats;
  private final ClassWeights weights;
  private final Map<Element, Double> scores = new IdentityHashMap<>();

  Scoring(Stats stats, ClassWeights weights) {
    this.stats = stats;
    this.weights = weights;
  }

  /**
   * The elements of {@code body} that hold the content, in document order: the best candidate with
   * its related siblings, or the whole body when nothing scored.
   */
  List<Element> content(Element body) {
    Element top = topCandidate(body);
    return top == null ? List.of(body) : withSiblings(top);
  }

  /**
   * Scores every live element, discounts each score by its link density and returns the best
   * candidate after {@link #commonAncestorOfAlternatives} and {@link #climb}; {@code null} when no
   * paragraph scored.
   */
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

  /** Credits {@code e}'s text to the element that holds it as a paragraph, if it reads as one. */
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

  /**
   * Adds the score of {@code paragraphs} paragraphs of {@code len} characters to {@code first} and,
   * divided more at each level, to its ancestors up to the body; an element scored for the first
   * time starts from its tag's base score and its class weight.
   */
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
        cur = base(a) + (double) weights.of(a);
      }
      scores.put(a, cur + score / divider);
    }
  }

  /** The text length of {@code e} outside its block children. */
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

  /**
   * When three or more other candidates score within 75% of the top one, the content is likely
   * split among them (e.g. one block per section): returns the nearest ancestor of the top that
   * contains three of them, else the top itself.
   */
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

  /**
   * {@code top} with those of its siblings that belong to the same content: siblings scoring at
   * least a fifth of the top (a bonus for sharing its class), and paragraphs that read as prose
   * rather than links.
   */
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
}
