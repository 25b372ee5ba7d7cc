package org.vigil.classifier.internal;

/**
 * A distinct normalised token as text analysis knows it: its stem and {@link Lexicon#flags}. One
 * instance serves every occurrence of the token on a thread (the analyzer caches them), so later
 * stages can memoise their own look-ups on it instead of hashing the token again for every
 * occurrence.
 *
 * <p>Memos are immutable objects naming their owner; they are set without synchronisation, which is
 * safe because a reader either sees a complete memo of its owner or recomputes it.
 */
public final class Lexeme {
  final String norm;
  final String stem;
  final int flags;
  Object scorerMemo; // CompiledScorer
  Object catalogueMemo; // IndicatorCatalogue

  Lexeme(String norm, String stem, int flags) {
    this.norm = norm;
    this.stem = stem;
    this.flags = flags;
  }

  @Override
  public String toString() {
    return norm;
  }
}
