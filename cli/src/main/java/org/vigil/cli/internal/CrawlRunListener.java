package org.vigil.cli.internal;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.model.CrawlFailure;
import org.vigil.model.CrawlListener;
import org.vigil.model.Source;

/**
 * Listens to one crawl of a {@link Pipeline}: counts its failures by cause in the metrics, tells
 * the pipeline's {@link Pipeline.ProgressListener} its progress and prints the progress line on
 * terminals (one line rewritten in place, or full lines at most every so often).
 */
final class CrawlRunListener implements CrawlListener {
  // The pipeline's logger: failures have always been logged under it, and log settings name it.
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final String sourceId;
  private final int maxPages;
  private final Instant started;
  private final Clock clock;
  private final Metrics metrics;
  private final Pipeline.ProgressListener onProgress;
  private final PrintWriter progressOut;
  private final long progressEveryMs;
  private volatile boolean printed;
  private long lastPrintedMs = Long.MIN_VALUE;

  /**
   * A listener for the crawl of {@code source} that started at {@code started}. It prints to {@code
   * progressOut} ({@code null}: nowhere) one line rewritten in place when {@code progressEveryMs}
   * is 0, else full lines at most that often.
   */
  CrawlRunListener(
      Source source,
      Instant started,
      Clock clock,
      Metrics metrics,
      Pipeline.ProgressListener onProgress,
      PrintWriter progressOut,
      long progressEveryMs) {
    this.sourceId = source.id();
    this.maxPages = source.maxPages();
    this.started = started;
    this.clock = clock;
    this.metrics = metrics;
    this.onProgress = onProgress;
    this.progressOut = progressOut;
    this.progressEveryMs = progressEveryMs;
  }

  @Override
  public void onFailure(CrawlFailure failure) {
    metrics.pageFailed(sourceId, failure.stage(), failure.cause());
    LOG.debug(
        "{} {} {}:{} {}",
        sourceId,
        failure.url(),
        failure.stage(),
        failure.cause(),
        failure.detail());
  }

  @Override
  public void onProgress(long fetched, long queued, long failed, long attempted) {
    onProgress.onProgress(sourceId, fetched, queued, failed);
    PrintWriter out = progressOut;
    if (out == null) {
      return;
    }
    long now = clock.millis();
    double seconds = Math.max(0.001, (now - started.toEpochMilli()) / 1000.0);
    String line = progressLine(sourceId, fetched, queued, failed, attempted, maxPages, seconds);
    synchronized (out) {
      if (progressEveryMs == 0) {
        out.print("\r" + line + "   ");
      } else if (lastPrintedMs == Long.MIN_VALUE || now - lastPrintedMs >= progressEveryMs) {
        out.println(line);
        lastPrintedMs = now;
      }
      out.flush();
    }
    printed = progressEveryMs == 0;
  }

  /**
   * Ends the line rewritten in place, if one was printed, so that what follows the crawl starts on
   * a line of its own.
   */
  void endProgress() {
    PrintWriter out = progressOut;
    if (printed && out != null) {
      out.println();
      out.flush();
    }
  }

  /**
   * One progress line: pages handed on, rate, queue and errors, and, when {@code max_pages} bounds
   * the run (the fetches attempted plus those queued reach it), the share of it done and the time
   * left at the rate so far.
   */
  static String progressLine(
      String sourceId,
      long fetched,
      long queued,
      long failed,
      long attempted,
      int maxPages,
      double seconds) {
    String line =
        String.format(
            Locale.ROOT,
            "%s: %d pages, %.1f pages/s, queue %d, errors %d",
            sourceId,
            fetched,
            fetched / seconds,
            queued,
            failed);
    if (attempted + queued < maxPages || attempted <= 0) {
      return line; // the frontier ends the run first (or nothing to extrapolate from yet)
    }
    long left = Math.round((maxPages - attempted) * seconds / attempted);
    return line
        + String.format(
            Locale.ROOT,
            ", %d%% of max_pages %d, ETA %d:%02d",
            attempted * 100 / maxPages,
            maxPages,
            left / 60,
            left % 60);
  }
}
