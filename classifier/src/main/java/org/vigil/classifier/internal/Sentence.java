package org.vigil.classifier.internal;

/**
 * One analysed sentence: original text, tokens, normalised tokens and stems (parallel arrays).
 *
 * @param text the sentence as written
 * @param tokens the tokens as written
 * @param norms lower-cased tokens with numbers, URLs and mentions mapped to placeholders
 * @param stems Snowball stems of {@code norms}
 */
public record Sentence(String text, String[] tokens, String[] norms, String[] stems) {}
