package org.vigil.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.cli.CliException;
import org.vigil.crawler.CrawlResult;
import org.vigil.crawler.Crawler;
import org.vigil.crawler.SkipReason;
import org.vigil.crawler.SourcesConfig;
import org.vigil.indexer.IndexStats;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.ItemIndexer;
import org.vigil.indexer.VigilIndex;
import org.vigil.model.CrawlStats;
import org.vigil.model.FlaggedItem;
import org.vigil.model.PageSink;
import org.vigil.model.RunRecord;
import org.vigil.model.Scoring;
import org.vigil.model.Source;

/**
 * The crawl → classify → index wiring shared by {@code crawl}, {@code schedule} and {@code demo}.
 * One pipeline holds one {@link ActiveModel} and one bulk indexer; crawls of several sources may
 * run on it at once (the scheduler does that). Each crawl takes the model from {@link
 * ActiveModel#refresh()} when it starts and keeps it to its end, so a model promoted while the
 * scheduler runs is used from the next crawl on.
 *
 * <p>Each crawl gets its own {@link ClassifyingSink} (classify, index flagged pages) and {@link
 * CrawlRunListener} (failure metrics, progress), made from the settings below as they are when the
 * crawl starts.
 *
 * <p>Durability: the sink's {@link PageSink#checkpoint()} is the indexer's checkpoint, so when the
 * crawler persists "these URLs are done", every flagged item of them is acknowledged by
 * Elasticsearch or fsynced to the spool.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final ActiveModel model;
  private final VigilIndex index;
  private final ItemIndexer indexer;
  private final Metrics metrics;
  private final Path stateDir;
  private final Clock clock;
  private final Map<String, Crawler> running = new ConcurrentHashMap<>();
  private PrintWriter progressOut;
  private long progressEveryMs; // 0: one line rewritten in place (\r); else full lines this often
  private java.util.function.Consumer<FlaggedItem> onFlagged = item -> {};
  private ProgressListener onProgress = (sourceId, fetched, queued, failed) -> {};
  private Integer threads;
  private boolean clearEveryUnflagged;

  public Pipeline(
      ActiveModel model,
      VigilIndex index,
      ItemIndexer indexer,
      Metrics metrics,
      Path stateDir,
      Clock clock) {
    this.model = Objects.requireNonNull(model, "model");
    this.index = Objects.requireNonNull(index, "index");
    this.indexer = Objects.requireNonNull(indexer, "indexer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Prints a progress line to {@code out} (for terminals), rewritten in place every second; {@code
   * null} for none.
   */
  public Pipeline progressTo(PrintWriter out) {
    this.progressOut = out;
    this.progressEveryMs = 0;
    return this;
  }

  /**
   * Prints a progress line per running source to {@code out} at most every {@code everyMs} (for a
   * terminal watching a scheduler, where several sources run at once); {@code null} for none.
   */
  public Pipeline progressLinesTo(PrintWriter out, long everyMs) {
    this.progressOut = out;
    this.progressEveryMs = Math.max(1, everyMs);
    return this;
  }

  /** Told a running crawl's counts as the crawler reports them (from its fetch threads). */
  @FunctionalInterface
  public interface ProgressListener {
    void onProgress(String sourceId, long fetched, long queued, long failed);
  }

  /**
   * Also tells {@code listener} each running crawl's progress (e.g. the scheduler's state file).
   */
  public Pipeline onProgress(ProgressListener listener) {
    this.onProgress = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Also hands every flagged item to {@code consumer} (e.g. the demo's table). */
  public Pipeline onFlagged(java.util.function.Consumer<FlaggedItem> consumer) {
    this.onFlagged = Objects.requireNonNull(consumer, "consumer");
    return this;
  }

  /**
   * Clears the document of every page classified as not flagged, not only of pages the crawl state
   * knew from an earlier run. For crawls that start from an empty crawl state each time (the demo):
   * they cannot tell a re-crawl from a new page. Costs one update per unflagged page.
   */
  public Pipeline clearEveryUnflagged(boolean value) {
    this.clearEveryUnflagged = value;
    return this;
  }

  /** Overrides the sources' fetch thread count. */
  public Pipeline threads(Integer count) {
    this.threads = count;
    return this;
  }

  /** The version of the model in use (the one the last crawl started with). */
  public String modelVersion() {
    return model.categorizer().modelVersion();
  }

  /**
   * Crawls one source once, classifying every new or changed page (and every page last classified
   * by another model) and indexing flagged ones, and records the run in the run history. A model
   * that could not be (re)loaded is named in the run's error summary.
   */
  public RunRecord crawl(SourcesConfig config, Source source, String trigger) {
    ActiveModel.Use use = model.refresh();
    // A source's scoring and flag_threshold are part of its model version (model+stage@threshold),
    // so changing them re-classifies the source's pages like a model change does.
    ExtremismCategorizer categorizer = use.categorizer();
    Instant started = clock.instant();
    String runId =
        source.id()
            + "-"
            + RUN_ID.format(started)
            + "-"
            + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    RunRecord begun =
        new RunRecord(runId, source.id(), trigger, started, null, "running", zero(), "");
    if (source.scoring() == Scoring.SEMANTIC) {
      try {
        categorizer = Models.withSemanticStage(categorizer);
      } catch (CliException e) {
        // e.g. a retrained model is active: the stage's threshold means nothing for it, and
        // scoring the source another way than configured would mix two schemes in its items
        RunRecord refused =
            ended(
                begun,
                "failed",
                zero(),
                withProblem(use.problem(), "scoring: semantic: " + e.getMessage()));
        record(refused, true);
        logRun(refused, categorizer.modelVersion());
        return refused;
      }
    }
    if (source.flagThreshold() != null) {
      categorizer = categorizer.withThreshold(source.flagThreshold());
    }
    boolean recorded = record(begun, true);
    IndexStats before = indexer.stats();
    ClassifyingSink sink =
        new ClassifyingSink(
            source.id(),
            categorizer,
            indexer,
            metrics,
            onFlagged,
            clearEveryUnflagged,
            this::checkpoint);
    CrawlRunListener listener =
        new CrawlRunListener(
            source, started, clock, metrics, onProgress, progressOut, progressEveryMs);
    String status;
    String summary;
    CrawlResult result = null;
    try {
      // The model version is the sink version: after a model change every page is classified
      // again on its next crawl, changed or not (an unchanged page's old decision may be wrong).
      Crawler.Builder builder =
          Crawler.builder(config, source)
              .stateDir(stateDir)
              .sink(sink)
              .sinkVersion(categorizer.modelVersion())
              .listener(listener);
      if (threads != null) {
        builder.threads(threads);
      }
      try (Crawler crawler = builder.build()) {
        running.put(source.id(), crawler);
        try {
          result = crawler.run();
        } finally {
          running.remove(source.id());
        }
      }
      checkpoint();
      refreshQuietly(); // analysts see the run's items right away
      trackSpreadQuietly();
      status = result.completed() ? "ok" : "interrupted";
      summary = summary(result.failuresByCause());
      if (result.noSeedReached()) {
        // every seed refused (SSRF guard, robots, scope) or failed: nothing of the source was read
        status = "failed";
        summary = "no seed could be fetched" + (summary.isEmpty() ? "" : ": " + summary);
      }
    } catch (IOException | IndexerException | RuntimeException e) {
      status = "failed";
      summary =
          e.getClass().getSimpleName()
              + ": "
              + String.valueOf(e.getMessage()).replaceAll("\\R", " ");
      LOG.warn("crawl of {} failed: {}", source.id(), summary);
    } finally {
      listener.endProgress();
    }
    CrawlStats stats = stats(result, sink, before, indexer.stats(), started);
    if (status.equals("ok") && (stats.failed() > 0 || stats.spooled() > 0)) {
      status = "partial";
    }
    RunRecord run = ended(begun, status, stats, withProblem(use.problem(), summary));
    record(run, recorded); // one warning per run when Elasticsearch is down, not two
    if (status.equals("ok") || status.equals("partial")) {
      metrics.runSucceeded(source.id(), run.finished());
    }
    logRun(run, categorizer.modelVersion());
    return run;
  }

  /**
   * A run's counters: the crawl's (none when it failed before a result), the sink's, and what the
   * indexer acknowledged, spooled or failed between {@code before} and {@code after}.
   */
  private CrawlStats stats(
      CrawlResult result,
      ClassifyingSink sink,
      IndexStats before,
      IndexStats after,
      Instant started) {
    long spooled = Math.max(0, after.spooled() - before.spooled());
    long indexFailed = Math.max(0, after.failed() - before.failed());
    long indexed = acknowledged(sink.flagged(), before.indexed(), after.indexed());
    long cleared = acknowledged(sink.clears(), before.cleared(), after.cleared());
    long gone = acknowledged(sink.gones(), before.markedGone(), after.markedGone());
    Map<SkipReason, Long> skips = result == null ? Map.of() : result.skips();
    return new CrawlStats(
        result == null ? sink.fetched() : result.fetched(),
        result == null ? 0 : result.skipped(),
        (result == null ? 0 : result.failed()) + indexFailed,
        sink.flagged(),
        indexed,
        spooled,
        cleared,
        gone,
        clock.millis() - started.toEpochMilli(),
        result == null ? Map.of() : result.failuresByCause(),
        skips.getOrDefault(SkipReason.UNCHANGED, 0L),
        skips.getOrDefault(SkipReason.DUPLICATE, 0L),
        skips.getOrDefault(SkipReason.SAME_CANONICAL, 0L),
        sink.unsupportedLanguage());
  }

  /** One log line per run with every counter, for log-based monitoring. */
  private static void logRun(RunRecord run, String model) {
    CrawlStats stats = run.stats();
    LOG.info(
        "run {} source={} trigger={} status={} model={} fetched={} skipped={} unchanged={}"
            + " duplicate={} same_canonical={} unsupported_language={} failed={} flagged={}"
            + " indexed={} spooled={} cleared={} gone={} duration_ms={}",
        run.runId(),
        run.sourceId(),
        run.trigger(),
        run.status(),
        model,
        stats.fetched(),
        stats.skipped(),
        stats.unchanged(),
        stats.duplicate(),
        stats.sameCanonical(),
        stats.unsupportedLanguage(),
        stats.failed(),
        stats.flagged(),
        stats.indexed(),
        stats.spooled(),
        stats.cleared(),
        stats.gone(),
        stats.durationMs());
  }

  /** Asks the running crawl of {@code sourceId} to stop gracefully; thread-safe. */
  public void stop(String sourceId) {
    Crawler crawler = running.get(sourceId);
    if (crawler != null) {
      crawler.stop();
    }
  }

  /** Asks every running crawl to stop gracefully. */
  public void stopAll() {
    running.values().forEach(Crawler::stop);
  }

  /** Flushes the indexer: everything flagged so far is acknowledged or spooled. */
  public void checkpoint() throws IndexerException {
    long t0 = System.nanoTime();
    indexer.checkpoint();
    metrics.checkpointTime(System.nanoTime() - t0);
  }

  /** The indexer's counters. */
  public IndexStats indexStats() {
    return indexer.stats();
  }

  /** How many items in the index match {@code query}. */
  public long count(org.vigil.indexer.SearchQuery query) throws IndexerException {
    return index.count(query);
  }

  /** Refreshes the index so that what was indexed is searchable now. */
  public void refresh() throws IndexerException {
    index.refresh();
  }

  private void refreshQuietly() {
    try {
      index.refresh();
    } catch (IndexerException | RuntimeException e) {
      LOG.debug("refresh failed (items are spooled or will show up later): {}", e.getMessage());
    }
  }

  /**
   * Clusters the run's items and copies for spread tracking; when Elasticsearch cannot take it now
   * (items spooled), the next update (after a replay, or {@code vigil spread}) does.
   */
  private void trackSpreadQuietly() {
    try {
      index.spread().update();
    } catch (IndexerException | RuntimeException e) {
      LOG.warn(
          "spread clusters not updated (the next crawl or vigil spread will): {}", e.getMessage());
    }
  }

  /** The run that {@code begun} started, ending now. */
  private RunRecord ended(RunRecord begun, String status, CrawlStats stats, String summary) {
    return new RunRecord(
        begun.runId(),
        begun.sourceId(),
        begun.trigger(),
        begun.started(),
        clock.instant(),
        status,
        stats,
        summary);
  }

  /**
   * Records {@code run} in the run history; a failure is logged at WARN when {@code warn}, else at
   * DEBUG. Returns whether it was recorded.
   */
  private boolean record(RunRecord run, boolean warn) {
    try {
      index.recordRun(run);
      return true;
    } catch (IndexerException | RuntimeException e) {
      if (warn) {
        LOG.warn("cannot record run {} in the run history: {}", run.runId(), e.getMessage());
      } else {
        LOG.debug("cannot record run {} in the run history: {}", run.runId(), e.getMessage());
      }
      return false;
    }
  }

  private static CrawlStats zero() {
    return new CrawlStats(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
  }

  /**
   * What Elasticsearch acknowledged during this run of what it handed on: the indexer counter's
   * growth (a spooled operation counts as spooled, not here), at most {@code handedOn} (another
   * source's operations may be acknowledged meanwhile).
   */
  private static long acknowledged(long handedOn, long counterBefore, long counterAfter) {
    return Math.max(0, Math.min(handedOn, counterAfter - counterBefore));
  }

  private static String withProblem(String modelProblem, String summary) {
    if (modelProblem.isEmpty()) {
      return summary;
    }
    return summary.isEmpty() ? modelProblem : modelProblem + "; " + summary;
  }

  /** The three most frequent failure causes, e.g. {@code fetch:http-404 x3, fetch:timeout x1}. */
  static String summary(Map<String, Long> failures) {
    return failures.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .map(e -> e.getKey() + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** Flushes and closes the indexer; returns its final counters. */
  public IndexStats finish() throws IndexerException {
    return indexer.finish();
  }

  @Override
  public void close() {
    try {
      indexer.finish();
    } catch (IndexerException e) {
      LOG.warn("indexer did not finish cleanly: {}", e.getMessage());
    }
    index.close();
  }
}
