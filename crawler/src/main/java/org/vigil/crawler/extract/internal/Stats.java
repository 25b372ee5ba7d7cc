package org.vigil.crawler.extract.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Per-element text statistics computed bottom-up in ONE traversal, so that scoring and cleaning
 * never call {@code text()} on nested subtrees again (which would be quadratic).
 */
public final class Stats {
  /** Counters of one element's subtree. */
  static final class S {
    int text; // normalised text length
    int link; // text length inside <a>
    int commas;
    int p;
    int img;
    int li;
    int input;
    int heading; // text length inside h1-h6
    int blockChildren;
    int size; // elements in the subtree, self included (fixed: used to skip removed subtrees)
    boolean removed;

    void add(S o) {
      text += o.text;
      link += o.link;
      commas += o.commas;
      p += o.p;
      img += o.img;
      li += o.li;
      input += o.input;
      heading += o.heading;
    }

    void subtract(S o) {
      text -= o.text;
      link -= o.link;
      commas -= o.commas;
      p -= o.p;
      img -= o.img;
      li -= o.li;
      input -= o.input;
      heading -= o.heading;
    }

    double linkDensity() {
      return text == 0 ? 0 : (double) link / text;
    }
  }

  private static final S EMPTY = new S();
  private final Map<Element, S> map = new IdentityHashMap<>();
  private final java.util.List<Element> order = new java.util.ArrayList<>();

  private Stats() {}

  /** The normalised text length of {@code e}'s subtree (as far as nothing was removed yet). */
  public int textLength(Element e) {
    return get(e).text;
  }

  /** Computes the statistics of {@code root}'s subtree. */
  public static Stats of(Element root) {
    Stats stats = new Stats();
    NodeTraversor.traverse(stats.new Collector(), root);
    return stats;
  }

  S get(Element e) {
    S s = map.get(e);
    return s == null ? EMPTY : s;
  }

  /**
   * Calls {@code action} for each element still in the tree, in document order; an element that the
   * action (or an earlier one) removed with {@link #detach} is skipped with its subtree.
   */
  void forEachLive(java.util.function.Consumer<Element> action) {
    int i = 0;
    while (i < order.size()) {
      Element e = order.get(i);
      S s = get(e);
      if (!s.removed) {
        action.accept(e);
      }
      i += s.removed ? Math.max(1, s.size) : 1;
    }
  }

  /** Removes {@code e} from the tree and its counts from every ancestor. */
  void detach(Element e) {
    S s = getOrCreate(e);
    if (s.removed) {
      return;
    }
    s.removed = true;
    for (Element a = e.parent(); a != null; a = a.parent()) {
      S as = map.get(a);
      if (as != null) {
        as.subtract(s);
      }
    }
    e.remove();
  }

  private S getOrCreate(Element e) {
    return map.computeIfAbsent(e, k -> new S());
  }

  /**
   * Counts bottom-up. The counters of the open elements (the current node's ancestors within the
   * root) are kept on a stack, so a node reaches its own and its parent's counters without map
   * lookups: the parent of a node is the open element entered last.
   */
  private final class Collector implements NodeVisitor {
    private final java.util.ArrayDeque<S> open = new java.util.ArrayDeque<>();

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element e) {
        order.add(e);
        S s = new S();
        map.put(e, s);
        open.push(s);
        return;
      }
      if (node instanceof TextNode t && node.parent() instanceof Element) {
        String s = t.getWholeText();
        int len = 0;
        int commas = 0;
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (Text.isSpace(c)) {
            if (!space) {
              len++;
              space = true;
            }
          } else {
            len++;
            space = false;
            if (c == ',' || c == '\uFF0C' || c == '\u060C' || c == '\u3001') {
              commas++;
            }
          }
        }
        if (len > 0 && !open.isEmpty()) {
          S ps = open.peek();
          ps.text += len;
          ps.commas += commas;
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (!(node instanceof Element e)) {
        return;
      }
      S s = open.pop();
      s.size++;
      String tag = e.normalName();
      switch (tag) {
        case "a" -> s.link = s.text;
        case "p" -> s.p++;
        case "img" -> s.img++;
        case "li" -> s.li++;
        case "input", "textarea", "select", "button" -> s.input++;
        default -> {
          if (Tags.isHeading(tag)) {
            s.heading = s.text;
          }
        }
      }
      if (e.parent() != null && depth > 0) {
        S ps = open.peek();
        ps.add(s);
        ps.size += s.size;
        if (Tags.isBlock(tag)) {
          ps.blockChildren++;
        }
      }
    }
  }
}
