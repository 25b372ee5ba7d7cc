package org.vigil.crawler.internal;

import java.io.IOException;

/**
 * A fetch that produced no usable response. {@link #cause()} is the short machine-friendly cause
 * recorded in a {@link org.vigil.model.CrawlFailure}; {@link #stage()} is {@code fetch}, {@code
 * guard} or {@code limit}.
 */
public final class FetchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String stage;
  private final String cause;
  private final boolean retryable;

  public FetchException(String stage, String cause, String detail, boolean retryable) {
    super(detail);
    this.stage = stage;
    this.cause = cause;
    this.retryable = retryable;
  }

  public String stage() {
    return stage;
  }

  public String cause() {
    return cause;
  }

  /** Whether trying again later may succeed (timeouts, resets). */
  public boolean retryable() {
    return retryable;
  }

  /** Whether this is a deliberate skip (guard, limit) rather than an error. */
  public boolean isPolicy() {
    return !stage.equals("fetch");
  }
}
