package org.vigil.crawler.extract.internal;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Renders elements as plain text in reading order: block elements become paragraphs separated by a
 * blank line, {@code <br>} a line break (two in a row a paragraph break), whitespace collapsed
 * except inside {@code <pre>}.
 */
public final class Text {
  private Text() {}

  /** Collapses runs of whitespace (including NBSP) to single spaces and trims. */
  public static String normalize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean isSpace(char c) {
    if (c > ' ' && c < '\u00A0') {
      return false; // most chars: printable ASCII
    }
    return c == ' '
        || c == '\n'
        || c == '\t'
        || c == '\r'
        || c == '\f'
        || c == '\u00A0'
        || c == '\u2009'
        || c == '\u200B'
        || c == '\u202F'
        || c == '\u3000';
  }

  /** Renders the given elements, in order, as one text. */
  public static String render(List<Element> elements) {
    return render(elements, 16);
  }

  /**
   * Renders the given elements, in order, as one text, in a buffer first sized for about {@code
   * expectedLength} chars (growing a 5 KB text from 16 chars copies it ~9 times).
   */
  static String render(List<Element> elements, int expectedLength) {
    Renderer r = new Renderer(Math.max(16, expectedLength));
    for (Element e : elements) {
      r.pending = 2;
      NodeTraversor.traverse(r, e);
    }
    return r.sb.toString();
  }

  private static final class Renderer implements NodeVisitor {
    final StringBuilder sb;
    int pending; // 0: none, 1: line break, 2: paragraph break
    boolean space;
    int pre;

    Renderer(int capacity) {
      sb = new StringBuilder(capacity);
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text(t.getWholeText());
      } else if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("br")) {
          pending = Math.min(2, pending + 1);
        } else if (Tags.isBlock(tag)) {
          pending = 2;
          if (tag.equals("pre")) {
            pre++;
          }
        } else if (tag.equals("td") || tag.equals("th")) {
          space = true;
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e && Tags.isBlock(e.normalName())) {
        pending = 2;
        if (e.normalName().equals("pre")) {
          pre--;
        }
      }
    }

    private void text(String s) {
      int len = s.length();
      int i = 0;
      while (i < len) {
        char c = s.charAt(i);
        if (pre > 0 && c == '\n') {
          pending = Math.max(pending, 1);
          i++;
        } else if (isSpace(c)) {
          space = true;
          i++;
        } else {
          if (sb.length() > 0) {
            if (pending == 2) {
              sb.append("\n\n");
            } else if (pending == 1) {
              sb.append('\n');
            } else if (space) {
              sb.append(' ');
            }
          }
          pending = 0;
          space = false;
          // The rest of the word goes in at once: no char of it changes the state above ('\n'
          // is a space char, so a word ends before the line breaks of a <pre>).
          int end = i + 1;
          while (end < len && !isSpace(s.charAt(end))) {
            end++;
          }
          sb.append(s, i, end);
          i = end;
        }
      }
    }
  }
}
