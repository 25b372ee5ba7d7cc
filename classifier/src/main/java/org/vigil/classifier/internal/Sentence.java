package org.vigil.classifier.internal;

/**
 * One analysed sentence: original text, tokens, normalised tokens, stems and lexicon flags
 * (parallel arrays).
 *
 * @param text the sentence as written
 * @param tokens the tokens as written
 * @param norms lower-cased tokens with numbers, URLs and mentions mapped to placeholders
 * @param stems Snowball stems of {@code norms}
 * @param flags {@link Lexicon#flags} of {@code norms}, looked up once at analysis time
 * @param lexemes the shared {@link Lexeme} of each norm, where later stages memoise look-ups
 * @param wordCount the number of tokens containing a letter ({@link #isWord})
 */
public record Sentence(
    String text,
    String[] tokens,
    String[] norms,
    String[] stems,
    int[] flags,
    Lexeme[] lexemes,
    int wordCount) {
  public Sentence {
    if (wordCount < 0 || wordCount > tokens.length) {
      throw new IllegalArgumentException(
          "wordCount must be within [0, " + tokens.length + "], was " + wordCount);
    }
    if (tokens.length != norms.length
        || norms.length != stems.length
        || stems.length != flags.length
        || flags.length != lexemes.length) {
      throw new IllegalArgumentException(
          "tokens, norms, stems, flags and lexemes must have the same length: "
              + tokens.length
              + ", "
              + norms.length
              + ", "
              + stems.length
              + ", "
              + flags.length
              + ", "
              + lexemes.length);
    }
  }

  /** Whether a token contains a letter: the words that text-length rules count. */
  public static boolean isWord(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
