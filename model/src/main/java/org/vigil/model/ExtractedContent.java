package org.vigil.model;

import java.time.Instant;
import java.util.List;

/**
 * What the extractor found in one HTML document.
 *
 * @param title the document title, empty when absent
 * @param text the main text in reading order, paragraphs separated by blank lines; empty when none
 * @param passages separate content units (e.g. forum posts); empty for ordinary articles
 * @param language a language hint (BCP 47, e.g. {@code en}) from the markup, else {@code null}
 * @param author the article author, else {@code null}
 * @param published the publication time, else {@code null}
 * @param canonicalUrl the canonical URL declared by the page, else {@code null}
 * @param outlinks absolute outgoing link URLs in document order, without duplicates
 */
public record ExtractedContent(
    String title,
    String text,
    List<Passage> passages,
    String language,
    String author,
    Instant published,
    String canonicalUrl,
    List<String> outlinks) {
  public ExtractedContent {
    title = Checks.orEmpty(title);
    text = Checks.orEmpty(text);
    passages = Checks.list(passages);
    outlinks = Checks.list(outlinks);
  }

  /** Content that is only text, as when classifying a TSV row or standard input. */
  public static ExtractedContent ofText(String text) {
    return new ExtractedContent("", text, List.of(), null, null, null, null, List.of());
  }
}
