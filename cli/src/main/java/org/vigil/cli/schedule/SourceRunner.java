package org.vigil.cli.schedule;

import org.vigil.model.Source;

/** Runs crawls for the scheduler. Implementations must be thread-safe. */
public interface SourceRunner {
  /**
   * Crawls {@code source} once, blocking until the crawl ends (normally or after {@link #stop}).
   * Called on a scheduler worker thread; never twice at once for the same source id.
   */
  void run(Source source) throws Exception;

  /** Asks the in-flight crawl of {@code sourceId}, if any, to stop gracefully (checkpoint). */
  void stop(String sourceId);
}
