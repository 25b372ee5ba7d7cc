package org.vigil.model;

import java.util.Locale;

/** How a source's pages are scored (its {@code scoring} in {@code sources.yml}). */
public enum Scoring {
  /** The classifier model alone: ~0.1 ms per passage; the default. */
  MAXENT,
  /**
   * The model screens every passage and the semantic stage (sentence embeddings) scores those it
   * finds suspicious: fewer false flags on news and counter-speech, 35-120 ms of CPU per scored
   * passage.
   */
  SEMANTIC;

  /** The name used in {@code sources.yml}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@code sources.yml} name, case-insensitively. */
  public static Scoring fromConfigName(String name) {
    for (Scoring s : values()) {
      if (s.configName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not one of maxent, semantic");
  }
}
