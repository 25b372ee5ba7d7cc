package org.vigil.classifier.internal;

import java.util.ArrayList;
import java.util.List;

/** A text split into analysed sentences. */
public record Analysis(List<Sentence> sentences) {
  public Analysis {
    sentences = List.copyOf(sentences);
  }

  /** The sentences of {@code paragraphs}, in order, as one analysis. */
  public static Analysis of(List<List<Sentence>> paragraphs) {
    List<Sentence> all = new ArrayList<>();
    paragraphs.forEach(all::addAll);
    return new Analysis(all);
  }

  /** All normalised tokens in order. */
  public String[] norms() {
    List<String> all = new ArrayList<>();
    for (Sentence s : sentences) {
      all.addAll(List.of(s.norms()));
    }
    return all.toArray(new String[0]);
  }

  public int tokenCount() {
    int n = 0;
    for (Sentence s : sentences) {
      n += s.tokens().length;
    }
    return n;
  }

  /** Number of tokens containing a letter. */
  public int wordCount() {
    int n = 0;
    for (Sentence s : sentences) {
      n += s.wordCount();
    }
    return n;
  }

  /** The sentences {@code from} (inclusive) to {@code to} (exclusive) as their own analysis. */
  public Analysis slice(int from, int to) {
    return new Analysis(sentences.subList(from, to));
  }
}
