package org.vigil.classifier.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A fast rule-based English tokenizer for the hot path: runs of letters/digits are tokens (with
 * inner apostrophes, hyphens and dots kept), contractions are split Penn-style ({@code don't -> do
 * n't}), every other non-space character is a token of its own. URLs, e-mail addresses, mentions
 * and hashtags stay whole. It is stateless and thread-safe, and several times faster than {@code
 * TokenizerME} (measured in bench/classifier).
 */
public final class Tokenizer {
  private Tokenizer() {}

  public static String[] tokenize(String s) {
    List<String> out = new ArrayList<>(Math.max(8, s.length() / 5));
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
        continue;
      }
      if (startsUrl(s, i)) {
        int j = i;
        while (j < n && !Character.isWhitespace(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
        continue;
      }
      if ((c == '@' || c == '#') && i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        int j = i + 1;
        while (j < n) {
          char d = s.charAt(j);
          if (Character.isLetterOrDigit(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
            j++;
          } else if ((d == '\'' || d == '\u2019' || d == '-' || d == '.' || d == ',')
              && j + 1 < n
              && Character.isLetterOrDigit(s.charAt(j + 1))
              && (d != ','
                  || (Character.isDigit(s.charAt(j - 1)) && Character.isDigit(s.charAt(j + 1))))
              && (d != '.' || Character.isDigit(s.charAt(j - 1)) || isAbbrev(s, i, j))) {
            j += 2;
          } else {
            break;
          }
        }
        addWord(out, s.substring(i, j));
        i = j;
        continue;
      }
      out.add(String.valueOf(c));
      i++;
    }
    return out.toArray(new String[0]);
  }

  private static boolean isAbbrev(String s, int start, int dot) {
    // "U.S", "e.g": single letters separated by dots
    return dot - start == 1;
  }

  private static boolean startsUrl(String s, int i) {
    return s.startsWith("http://", i) || s.startsWith("https://", i) || s.startsWith("www.", i);
  }

  private static void addWord(List<String> out, String w) {
    int len = w.length();
    if (w.indexOf('\'') < 0 && w.indexOf('\u2019') < 0) {
      out.add(w); // no contraction to split (the common case): skip lower-casing
      return;
    }
    String lower = w.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
    if (len > 3 && lower.endsWith("n't")) {
      out.add(w.substring(0, len - 3));
      out.add(w.substring(len - 3));
      return;
    }
    int apos = lower.lastIndexOf('\'');
    if (apos > 0 && apos >= len - 3) {
      String tail = lower.substring(apos);
      if (tail.equals("'s")
          || tail.equals("'re")
          || tail.equals("'ll")
          || tail.equals("'ve")
          || tail.equals("'d")
          || tail.equals("'m")) {
        out.add(w.substring(0, apos));
        out.add(w.substring(apos));
        return;
      }
    }
    out.add(w);
  }
}
