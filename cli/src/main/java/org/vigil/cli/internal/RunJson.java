package org.vigil.cli.internal;

import java.util.Map;
import org.vigil.model.CrawlStats;
import org.vigil.model.RunRecord;

/** JSON of crawl counters and run records, with the snake_case keys of {@code crawl --json}. */
public final class RunJson {
  /** The keys of {@link #stats}, in order, for help texts. */
  public static final String FIELDS =
      "fetched, unsupported_language, skipped, unchanged, duplicate, same_canonical, failed,"
          + " flagged, indexed, spooled, cleared, gone, duration_ms, failures_by_cause";

  private RunJson() {}

  /**
   * The counters: fetched, unsupported_language, skipped, unchanged, duplicate, same_canonical,
   * failed, flagged, indexed, spooled, cleared, gone, duration_ms, failures_by_cause.
   */
  public static Map<String, Object> stats(CrawlStats s) {
    Map<String, Object> m = Json.object();
    m.put("fetched", s.fetched());
    m.put("unsupported_language", s.unsupportedLanguage());
    m.put("skipped", s.skipped());
    m.put("unchanged", s.unchanged());
    m.put("duplicate", s.duplicate());
    m.put("same_canonical", s.sameCanonical());
    m.put("failed", s.failed());
    m.put("flagged", s.flagged());
    m.put("indexed", s.indexed());
    m.put("spooled", s.spooled());
    m.put("cleared", s.cleared());
    m.put("gone", s.gone());
    m.put("duration_ms", s.durationMs());
    m.put("failures_by_cause", s.failuresByCause());
    return m;
  }

  /** A run record. */
  public static Map<String, Object> of(RunRecord r) {
    Map<String, Object> m = Json.object();
    m.put("run_id", r.runId());
    m.put("source", r.sourceId());
    m.put("trigger", r.trigger());
    m.put("started", Json.time(r.started()));
    m.put("finished", Json.time(r.finished()));
    m.put("status", r.status());
    m.putAll(stats(r.stats()));
    m.put("error_summary", r.errorSummary());
    return m;
  }
}
