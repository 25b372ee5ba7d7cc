package org.vigil.model;

import java.util.Set;

/**
 * The category names Vigil's default model uses. Categories are plain strings so that a model
 * trained on other labels still works end to end; these constants name the default ones.
 */
public final class Categories {
  /** Calls to join, travel, act, or move to private channels. */
  public static final String RECRUITMENT = "recruitment";

  /** Glorification of violence, dehumanisation, us-vs-them grievance framing without a call. */
  public static final String PROPAGANDA = "propaganda";

  /** News, analysis, court and policy reporting about extremism. */
  public static final String REPORTING = "reporting";

  /** Counter-speech, deradicalisation and prevention work. */
  public static final String COUNTER = "counter";

  /** Ordinary religious teaching. */
  public static final String RELIGIOUS = "religious";

  /** Anything else. */
  public static final String OTHER = "other";

  /** Text in a language the model does not cover; never scored. */
  public static final String UNSUPPORTED_LANGUAGE = "unsupported-language";

  /** Text too short or empty to classify. */
  public static final String EMPTY = "empty";

  /** The categories whose combined probability decides whether a text is flagged. */
  public static final Set<String> EXTREMIST = Set.of(RECRUITMENT, PROPAGANDA);

  private Categories() {}

  /** Whether {@code category} is one of the extremist categories. */
  public static boolean isExtremist(String category) {
    return EXTREMIST.contains(category);
  }
}
