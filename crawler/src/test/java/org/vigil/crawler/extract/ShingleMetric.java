package org.vigil.crawler.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scoring of the article-extraction benchmark (scrapinghub/article-extraction-benchmark,
 * evaluate.py): per page, multisets of word 4-shingles ({@code \w+} tokens, case kept as in the
 * reference scorer) of the true and extracted bodies give tp, fp and fn, normalised to sum 1;
 * precision is averaged over pages with tp + fp &gt; 0, recall over pages with tp + fn &gt; 0, F1
 * is the harmonic mean of the two averages.
 */
final class ShingleMetric {
  private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Normalised true positives, false positives and false negatives of one page. */
  record Counts(double tp, double fp, double fn) {
    double precision() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      return tp == 0 && fp == 0 ? 0 : tp / (tp + fp);
    }

    double recall() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      return tp == 0 && fn == 0 ? 0 : tp / (tp + fn);
    }
  }

  /** Mean precision, mean recall and their F1 over pages. */
  record Score(double precision, double recall, double f1) {}

  private ShingleMetric() {}

  static Counts match(String truth, String predicted) {
    Map<String, Integer> t = shingles(truth);
    Map<String, Integer> p = shingles(predicted);
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (Map.Entry<String, Integer> e : t.entrySet()) {
      int pc = p.getOrDefault(e.getKey(), 0);
      tp += Math.min(e.getValue(), pc);
      fn += Math.max(0, e.getValue() - pc);
    }
    for (Map.Entry<String, Integer> e : p.entrySet()) {
      fp += Math.max(0, e.getValue() - t.getOrDefault(e.getKey(), 0));
    }
    double sum = tp + fp + fn;
    return sum > 0 ? new Counts(tp / sum, fp / sum, fn / sum) : new Counts(0, 0, 0);
  }

  static Score score(List<Counts> pages) {
    double p = 0;
    int np = 0;
    double r = 0;
    int nr = 0;
    for (Counts c : pages) {
      if (c.tp() + c.fp() > 0) {
        p += c.precision();
        np++;
      }
      if (c.tp() + c.fn() > 0) {
        r += c.recall();
        nr++;
      }
    }
    double precision = np == 0 ? 0 : p / np;
    double recall = nr == 0 ? 0 : r / nr;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new Score(precision, recall, f1);
  }

  static Map<String, Integer> shingles(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text == null ? "" : text);
    while (m.find()) {
      tokens.add(m.group());
    }
    Map<String, Integer> out = new HashMap<>();
    // As in the reference: a text shorter than n tokens is one (shorter) shingle.
    for (int i = 0; i < Math.max(1, tokens.size() - 3); i++) {
      List<String> sh = tokens.subList(i, Math.min(tokens.size(), i + 4));
      if (!sh.isEmpty()) {
        out.merge(String.join(" ", sh), 1, Integer::sum);
      }
    }
    return out;
  }
}
