package org.vigil.crawler.extract.internal;

/**
 * Substring keyword matching on lower-cased class/id strings. Plain {@code indexOf} over a short
 * word list is several times faster than one big regex alternation, and this runs for every element
 * of every page.
 */
final class Keywords {
  private final String[] words;

  Keywords(String spaceSeparated) {
    this.words = spaceSeparated.trim().split("\\s+");
  }

  /** Keywords that may contain spaces, separated by {@code separator}. */
  Keywords(String list, char separator) {
    this.words = list.split(java.util.regex.Pattern.quote(String.valueOf(separator)));
  }

  boolean in(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (String w : words) {
      if (s.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
