package org.vigil.classifier.internal;

import java.util.Set;

/**
 * The counters behind the register features of a text (how it is written: attribution verbs,
 * quotations, numbers and dates, person, tense, imperatives, punctuation, URLs and mentions), each
 * a sum over the text's sentences.
 */
final class RegisterCounts {
  private int words;
  private int attrib;
  private int quotes;
  private int numbers;
  private int dates;
  private int second;
  private int firstPlural;
  private int third;
  private int past;
  private int imperative;
  private int exclaim;
  private int counter;
  private int religious;
  private int verse;
  private int urls;
  private int mentions;
  private int hashtags;
  private int questions;

  private RegisterCounts() {}

  /** The counters of an analysed text. */
  static RegisterCounts of(Analysis a) {
    RegisterCounts c = new RegisterCounts();
    for (Sentence s : a.sentences()) {
      c.count(s);
    }
    return c;
  }

  private void count(Sentence s) {
    String[] norms = s.norms();
    String[] tokens = s.tokens();
    int[] flags = s.flags();
    for (int i = 0; i < norms.length; i++) {
      int f = flags[i];
      if ((f & Lexicon.F_WORD) != 0) {
        words++;
      }
      if ((f & Lexicon.F_ATTRIBUTION) != 0) {
        attrib++;
      } else if ((f & Lexicon.F_QUOTE) != 0) {
        quotes++;
      } else if ((f & Lexicon.F_NUMBER) != 0) {
        numbers++;
        if (i + 2 < norms.length
            && norms[i + 1].equals(":")
            && (flags[i + 2] & Lexicon.F_NUMBER) != 0) {
          verse++;
        }
        if (tokens[i].length() == 4 && (tokens[i].startsWith("19") || tokens[i].startsWith("20"))) {
          dates++;
        }
      } else if ((f & Lexicon.F_URL) != 0) {
        urls++;
      } else if ((f & Lexicon.F_USER) != 0) {
        mentions++;
      } else if ((f & Lexicon.F_EXCLAMATION) != 0) {
        exclaim++;
      } else if ((f & Lexicon.F_QUESTION) != 0) {
        questions++;
      }
      if (tokens[i].charAt(0) == '#' && tokens[i].length() > 1) {
        hashtags++;
      }
      if ((f & Lexicon.F_SECOND) != 0) {
        second++;
      } else if ((f & Lexicon.F_FIRST_PLURAL) != 0) {
        firstPlural++;
      } else if ((f & Lexicon.F_THIRD) != 0) {
        third++;
      }
      if ((f & Lexicon.F_PAST) != 0) {
        past++;
      }
      if ((f & Lexicon.F_COUNTER) != 0) {
        counter++;
      }
      if ((f & Lexicon.F_RELIGIOUS) != 0) {
        religious++;
      }
      if ((f & Lexicon.F_MONTH) != 0 && isDateContext(norms, flags, i)) {
        dates++;
      }
    }
    if (norms.length > 1 && (flags[0] & Lexicon.F_IMPERATIVE_OPENER) != 0) {
      imperative++;
    }
  }

  private static boolean isDateContext(String[] norms, int[] flags, int i) {
    return norms[i].equals("yesterday")
        || norms[i].equals("ago")
        || (i + 1 < norms.length && (flags[i + 1] & Lexicon.F_NUMBER) != 0)
        || (i > 0 && (flags[i - 1] & Lexicon.F_NUMBER) != 0);
  }

  /** The register features of these counters, each name prefixed (e.g. {@code reg:}). */
  void features(String prefix, Set<String> out) {
    double w = Math.max(words, 1);
    counts(prefix + "attrib", attrib, out);
    counts(prefix + "quote", quotes / 2 + (quotes % 2), out);
    counts(prefix + "num", numbers, out);
    counts(prefix + "date", dates, out);
    counts(prefix + "imper", imperative, out);
    counts(prefix + "excl", exclaim, out);
    counts(prefix + "quest", questions, out);
    counts(prefix + "counter", counter, out);
    counts(prefix + "relig", religious, out);
    counts(prefix + "verse", verse, out);
    counts(prefix + "url", urls, out);
    counts(prefix + "mention", mentions + hashtags, out);
    rate(prefix + "2p", second / w, 0.02, 0.05, out);
    rate(prefix + "1pl", firstPlural / w, 0.02, 0.05, out);
    rate(prefix + "3p", third / w, 0.02, 0.05, out);
    rate(prefix + "past", past / w, 0.03, 0.07, out);
    if (third / w >= 0.02 && past / w >= 0.03) {
      out.add(prefix + "past3");
    }
    if (attrib > 0 && second == 0) {
      out.add(prefix + "attrib-no2p");
    }
  }

  /** Cumulative count buckets (>=1, >=3): monotone evidence suits a linear model. */
  private static void counts(String name, int count, Set<String> out) {
    if (count >= 1) {
      out.add(name + ">=1");
    }
    if (count >= 3) {
      out.add(name + ">=3");
    }
  }

  private static void rate(String name, double rate, double lo, double hi, Set<String> out) {
    if (rate >= lo) {
      out.add(name + ">=" + lo);
    }
    if (rate >= hi) {
      out.add(name + ">=" + hi);
    }
  }
}
