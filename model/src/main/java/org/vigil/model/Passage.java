package org.vigil.model;

import java.time.Instant;

/**
 * One self-contained unit of content inside a page: a forum post, a comment, or an article
 * paragraph group. The classifier scores and cites passages individually so that one recruiting
 * post in a long thread is still found.
 *
 * @param text the passage text, never blank
 * @param author the author when the page names one, else {@code null}
 * @param published when the passage was published, else {@code null}
 */
public record Passage(String text, String author, Instant published) {
  public Passage {
    Checks.notBlank(text, "text");
  }

  /** A passage with no known author or date. */
  public static Passage of(String text) {
    return new Passage(text, null, null);
  }
}
