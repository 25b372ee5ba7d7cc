package org.vigil.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One crawl source from {@code sources.yml}.
 *
 * @param id unique id, {@code [a-z0-9-]+}
 * @param type how seeds are read
 * @param seeds start URLs (pages, sitemaps or feeds depending on {@code type}), at least one
 * @param scope which URLs may be fetched
 * @param maxDepth maximum link depth from a seed
 * @param maxPages maximum pages fetched per run
 * @param politenessMs minimum gap between two requests to one host
 * @param schedule a cron expression used by {@code vigil schedule}, or {@code null}
 * @param timezone the IANA time zone of {@code schedule} (e.g. {@code Europe/Berlin}), or {@code
 *     null} for the scheduler's (the system's) zone
 * @param flagThreshold the classifier score from which this source's pages are flagged, in (0, 1),
 *     or {@code null} for the model's own threshold
 * @param scoring how its pages are scored ({@code null}: {@link Scoring#MAXENT})
 */
public record Source(
    String id,
    SourceType type,
    List<String> seeds,
    Scope scope,
    int maxDepth,
    int maxPages,
    long politenessMs,
    String schedule,
    String timezone,
    Double flagThreshold,
    Scoring scoring) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  public Source {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("source id '" + id + "' must match [a-z0-9-]+");
    }
    Objects.requireNonNull(type, "type");
    seeds = Checks.list(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("source '" + id + "' needs at least one seed");
    }
    scope = scope == null ? new Scope(List.of(), List.of(), List.of()) : scope;
    Checks.nonNegative(maxDepth, "maxDepth");
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be >= 1, was " + maxPages);
    }
    Checks.nonNegative(politenessMs, "politenessMs");
    schedule = schedule == null || schedule.isBlank() ? null : schedule;
    timezone = timezone == null || timezone.isBlank() ? null : timezone.strip();
    if (flagThreshold != null && !(flagThreshold > 0 && flagThreshold < 1)) {
      throw new IllegalArgumentException(
          "source '" + id + "': flag threshold must be in (0, 1), was " + flagThreshold);
    }
    scoring = scoring == null ? Scoring.MAXENT : scoring;
  }

  /** A source scored by the model alone ({@link Scoring#MAXENT}). */
  public Source(
      String id,
      SourceType type,
      List<String> seeds,
      Scope scope,
      int maxDepth,
      int maxPages,
      long politenessMs,
      String schedule,
      String timezone,
      Double flagThreshold) {
    this(
        id,
        type,
        seeds,
        scope,
        maxDepth,
        maxPages,
        politenessMs,
        schedule,
        timezone,
        flagThreshold,
        Scoring.MAXENT);
  }

  /**
   * A source whose schedule, if any, is in the scheduler's time zone, flagged at the model's
   * threshold.
   */
  public Source(
      String id,
      SourceType type,
      List<String> seeds,
      Scope scope,
      int maxDepth,
      int maxPages,
      long politenessMs,
      String schedule) {
    this(id, type, seeds, scope, maxDepth, maxPages, politenessMs, schedule, null, null, null);
  }
}
