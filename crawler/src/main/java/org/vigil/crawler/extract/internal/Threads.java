package org.vigil.crawler.extract.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.vigil.model.Passage;

/**
 * Detects forum/thread pages: a container whose children repeat the same block (same tag and class)
 * several times, most of them naming an author and a time, and which together hold most of the
 * page's prose. Each block becomes a {@link Passage}. Article pages with a short comment section
 * are not threads: there the article text outside the repeated blocks dominates.
 */
public final class Threads {
  private static final Evaluator LINKED_HEADING =
      QueryParser.parse("h1 a, h2 a, h3 a, h4 a, h5 a, a h1, a h2, a h3, a h4, a h5");

  private static final Pattern AUTHOR =
      Pattern.compile("author|user-?name|poster|postername|member-?name|username|user-info|byline");
  private static final Pattern TIME = Pattern.compile("date|time|posted|published|stamp");
  private static final Pattern BODY =
      Pattern.compile(
          "message|content|body|post-?text|posttext|entry|comment-?text|post_message|bbwrapper");
  private static final Pattern POST = Pattern.compile("post|message|reply|comment|entry");
  private static final Pattern NOISE = Pattern.compile("signature|sig-|editedby|post-?footer");

  private Threads() {}

  /** The posts of a thread page, or an empty list when the page is not a thread. */
  public static List<Passage> detect(Element body, Stats stats) {
    Stats.S all = stats.get(body);
    int prose = all.text - all.link;
    if (prose < 50) {
      return List.of();
    }
    List<Element> best = null;
    int bestText = 0;
    for (Element parent : body.getAllElements()) {
      Stats.S ps = stats.get(parent);
      // the counters first: childrenSize() builds the element's child list
      if ((ps.text - ps.link) * 2 <= prose || parent.childrenSize() < 2) {
        continue; // cannot hold more than half of the prose: skip without grouping
      }
      for (List<Element> group : groups(parent)) {
        int text = 0;
        for (Element e : group) {
          Stats.S s = stats.get(e);
          text += s.text - s.link;
        }
        // The posts must hold more prose than everything else on the page together.
        if (text > bestText && text * 2 > prose && looksLikePosts(group)) {
          best = group;
          bestText = text;
        }
      }
    }
    if (best == null) {
      return List.of();
    }
    List<Passage> posts = new ArrayList<>();
    for (Element e : best) {
      Passage p = passage(e);
      if (p != null) {
        posts.add(p);
      }
    }
    return posts.size() >= 2 ? posts : List.of();
  }

  /** Children of {@code parent} grouped by signature; only groups of two or more. */
  private static List<List<Element>> groups(Element parent) {
    Map<String, List<Element>> bySig = new LinkedHashMap<>();
    for (Element c : parent.children()) {
      String sig = signature(c);
      if (sig != null) {
        bySig.computeIfAbsent(sig, k -> new ArrayList<>()).add(c);
      }
    }
    List<List<Element>> out = new ArrayList<>();
    for (List<Element> g : bySig.values()) {
      if (g.size() >= 2) {
        out.add(g);
      }
    }
    return out;
  }

  private static String signature(Element e) {
    String cls = e.className().trim();
    if (!cls.isEmpty()) {
      int sp = cls.indexOf(' ');
      return e.normalName() + "." + noDigits(sp < 0 ? cls : cls.substring(0, sp));
    }
    String itemtype = e.attr("itemtype");
    if (!itemtype.isEmpty()) {
      return e.normalName() + "@" + itemtype;
    }
    String id = e.id();
    String stripped = noDigits(id);
    if (!id.isEmpty() && !stripped.equals(id)) {
      return e.normalName() + "#" + stripped;
    }
    return null;
  }

  /** Replaces digits with '#', so that "post-123" and "post-456" share a signature. */
  private static String noDigits(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (sb == null) {
          sb = new StringBuilder(s.substring(0, i));
        }
        if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '#') {
          sb.append('#');
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static boolean looksLikePosts(List<Element> group) {
    int withAuthor = 0;
    int withTime = 0;
    for (Element e : group) {
      if (isTeaser(e)) {
        return false;
      }
      if (find(e, AUTHOR, true) != null) {
        withAuthor++;
      }
      if (find(e, TIME, false) != null || timeOf(e) != null) {
        withTime++;
      }
    }
    int n = group.size();
    boolean postNamed = POST.matcher(signature(group.get(0))).find();
    return withAuthor * 3 >= n * 2 && (withTime * 3 >= n * 2 || postNamed);
  }

  /** A heading that links elsewhere: a teaser for another page (related stories), not a post. */
  private static boolean isTeaser(Element e) {
    for (Element h : e.select(LINKED_HEADING)) {
      if (!h.text().isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** The first descendant whose class/id (or itemprop/rel for authors) matches. */
  private static Element find(Element root, Pattern p, boolean author) {
    for (Element d : root.getAllElements()) {
      if (d == root) {
        continue;
      }
      if (author
          && (d.attr("itemprop").equals("author")
              || d.attr("itemprop").equals("creator")
              || d.attr("rel").equals("author"))) {
        return d;
      }
      String match = (d.className() + " " + d.id()).toLowerCase(Locale.ROOT);
      if (match.length() > 1 && p.matcher(match).find()) {
        return d;
      }
    }
    return null;
  }

  private static Passage passage(Element post) {
    Element authorEl = find(post, AUTHOR, true);
    String author = authorEl == null ? null : firstText(authorEl);
    Instant time = timeOf(post);
    Element bodyEl = bodyOf(post);
    Element clone = (bodyEl == null ? post : bodyEl).clone();
    for (Element d : clone.getAllElements()) {
      if (d == clone || d.parent() == null) {
        continue;
      }
      String match = (d.className() + " " + d.id()).toLowerCase(Locale.ROOT);
      boolean meta = bodyEl == null && (AUTHOR.matcher(match).find() || TIME.matcher(match).find());
      if (meta || NOISE.matcher(match).find() || d.normalName().equals("time")) {
        d.remove();
      }
    }
    String text = Text.render(List.of(clone));
    if (text.isBlank()) {
      return null;
    }
    return new Passage(text, author, time);
  }

  private static Element bodyOf(Element post) {
    Element best = null;
    for (Element d : post.getAllElements()) {
      if (d == post) {
        continue;
      }
      String ip = d.attr("itemprop");
      if (ip.equals("text") || ip.equals("articleBody")) {
        return d;
      }
      String match = (d.className() + " " + d.id()).toLowerCase(Locale.ROOT);
      if (best == null
          && match.length() > 1
          && BODY.matcher(match).find()
          && !AUTHOR.matcher(match).find()
          && !d.text().isBlank()) {
        best = d;
      }
    }
    return best;
  }

  private static String firstText(Element e) {
    String content = e.attr("content");
    if (!content.isBlank()) {
      return content.trim();
    }
    for (TextNode t : e.textNodes()) {
      if (!t.isBlank()) {
        return Text.normalize(t.text());
      }
    }
    for (Element d : e.getAllElements()) {
      for (TextNode t : d.textNodes()) {
        if (!t.isBlank()) {
          String s = Text.normalize(t.text());
          return s.length() > 100 ? s.substring(0, 100) : s;
        }
      }
    }
    return null;
  }

  /** The post's time from {@code <time>}, microdata or date-named elements (attributes first). */
  static Instant timeOf(Element post) {
    for (Element d : post.getAllElements()) {
      if (d == post) {
        continue;
      }
      boolean candidate =
          d.normalName().equals("time")
              || d.attr("itemprop").startsWith("date")
              || TIME.matcher((d.className() + " " + d.id()).toLowerCase(Locale.ROOT)).find();
      if (!candidate) {
        continue;
      }
      for (String attr :
          new String[] {"datetime", "content", "title", "data-time", "data-timestamp"}) {
        String v = d.attr(attr);
        if (!v.isEmpty()) {
          Instant t = attr.startsWith("data-") ? Dates.epoch(v) : Dates.parse(v);
          if (t != null) {
            return t;
          }
        }
      }
      Instant t = Dates.parse(d.ownText().isBlank() ? d.text() : d.ownText());
      if (t != null) {
        return t;
      }
    }
    return dateInText(post);
  }

  /** A date written in one of the post's first short text nodes (e.g. a header cell). */
  private static Instant dateInText(Element post) {
    int seen = 0;
    for (Element d : post.getAllElements()) {
      for (TextNode t : d.textNodes()) {
        String s = t.text().strip();
        if (s.isEmpty()) {
          continue;
        }
        if (++seen > 12) {
          return null;
        }
        if (s.length() <= 60 && s.chars().anyMatch(Character::isDigit)) {
          Instant i = Dates.parse(s);
          if (i != null) {
            return i;
          }
        }
      }
    }
    return null;
  }
}
