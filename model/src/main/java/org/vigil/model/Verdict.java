package org.vigil.model;

import java.util.Locale;

/** An analyst's judgement of a flagged item. */
public enum Verdict {
  /** The item is extremist recruitment or propaganda, as flagged. */
  CONFIRMED,
  /** The item was flagged but is not extremist; it becomes a negative example on retraining. */
  FALSE_POSITIVE,
  /** The analyst could not decide. */
  UNSURE;

  /** The name used on the command line and in the index, e.g. {@code false_positive}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively. */
  public static Verdict fromWireName(String name) {
    for (Verdict verdict : values()) {
      if (verdict.wireName().equalsIgnoreCase(name)) {
        return verdict;
      }
    }
    throw new IllegalArgumentException(
        "unknown verdict '" + name + "' (confirmed, false_positive, unsure)");
  }
}
