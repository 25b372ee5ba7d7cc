package org.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One crawl run in the run history ({@code vigil runs}).
 *
 * @param runId unique id of the run
 * @param sourceId the source crawled
 * @param trigger {@code manual} or {@code schedule}
 * @param started when the run started
 * @param finished when it finished, or {@code null} while running
 * @param status {@code running}, {@code ok}, {@code partial} (some documents failed), {@code
 *     failed} or {@code interrupted}
 * @param stats the run's counters
 * @param errorSummary a one-line summary of failures, possibly empty
 */
public record RunRecord(
    String runId,
    String sourceId,
    String trigger,
    Instant started,
    Instant finished,
    String status,
    CrawlStats stats,
    String errorSummary) {
  public RunRecord {
    Checks.notBlank(runId, "runId");
    Checks.notBlank(sourceId, "sourceId");
    Checks.notBlank(trigger, "trigger");
    Objects.requireNonNull(started, "started");
    Checks.notBlank(status, "status");
    Objects.requireNonNull(stats, "stats");
    errorSummary = Checks.orEmpty(errorSummary);
  }
}
