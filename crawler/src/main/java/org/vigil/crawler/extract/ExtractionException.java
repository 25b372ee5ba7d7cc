package org.vigil.crawler.extract;

/**
 * Thrown when a document cannot be extracted at all, e.g. because the body is binary (an image, a
 * PDF, an archive) rather than text. Messy HTML never causes it: the extractor is lenient there.
 * The message is one line naming the URL (when known) and the reason.
 */
public class ExtractionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names the URL (may be {@code null}) and the reason. */
  public ExtractionException(String url, String reason) {
    super((url == null || url.isEmpty() ? "document" : url) + ": " + reason);
  }
}
