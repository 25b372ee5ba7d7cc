package org.vigil.cli.internal;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.indexer.Spool;

/**
 * Vigil's metrics: pages fetched, failed (by cause) and in an unsupported language, items flagged,
 * cleared and marked gone, each by {@code source}; classify latency, index latency, spool size and
 * each source's last successful run. With a port, a Prometheus registry is served on 127.0.0.1 at
 * {@code /metrics}; without one, a no-export registry keeps the code paths the same.
 */
public final class Metrics implements AutoCloseable {
  private static final String SOURCE = "source";

  private final MeterRegistry registry;
  private final HttpServer server;
  private final Timer classify;
  private final Timer indexAdd;
  private final Timer checkpoint;
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

  private Metrics(MeterRegistry registry, HttpServer server, Path spoolDir) {
    this.registry = registry;
    this.server = server;
    this.classify =
        Timer.builder("vigil.classify.latency")
            .description("Time to classify one page")
            .publishPercentileHistogram()
            .register(registry);
    this.indexAdd =
        Timer.builder("vigil.index.add.latency")
            .description("Time to hand one item to the bulk indexer (includes backpressure)")
            .register(registry);
    this.checkpoint =
        Timer.builder("vigil.index.bulk.latency")
            .description("Time until everything queued is acknowledged or spooled (checkpoint)")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("vigil.spool.items", spoolDir, Metrics::spoolSize)
        .description("Items waiting in the on-disk spool")
        .register(registry);
  }

  private static double spoolSize(Path dir) {
    try {
      return Spool.size(dir);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Metrics kept in memory only. */
  public static Metrics none(Path spoolDir) {
    return new Metrics(new SimpleMeterRegistry(), null, spoolDir);
  }

  /**
   * Metrics served for Prometheus on {@code 127.0.0.1:port/metrics} (port 0: any free port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static Metrics serve(int port, Path spoolDir) throws IOException {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-metrics");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return new Metrics(prometheus, server, spoolDir);
  }

  /** The port the endpoint listens on, or -1 when not served. */
  public int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  public void pageFetched(String sourceId) {
    counter("vigil.pages.fetched", "Pages fetched and extracted", sourceId).increment();
  }

  public void pageFailed(String sourceId, String stage, String cause) {
    registry
        .counter("vigil.pages.failed", SOURCE, sourceId, "stage", stage, "cause", cause)
        .increment();
  }

  /** A page in a language the model does not classify (never flagged). */
  public void unsupportedLanguage(String sourceId) {
    counter(
            "vigil.pages.unsupported.language",
            "Pages in a language the model does not classify",
            sourceId)
        .increment();
  }

  public void flagged(String sourceId) {
    counter("vigil.items.flagged", "Pages the classifier flagged", sourceId).increment();
  }

  public void cleared(String sourceId) {
    counter(
            "vigil.items.cleared",
            "Re-crawled pages no longer flagged, whose earlier document (if any) is cleared",
            sourceId)
        .increment();
  }

  public void gone(String sourceId) {
    counter(
            "vigil.items.gone",
            "Known pages that answer 404/410 now, whose document (if any) is marked gone",
            sourceId)
        .increment();
  }

  /**
   * A run of {@code sourceId} that finished ({@code ok} or {@code partial}) at {@code finished}:
   * the gauge {@code vigil_last_success_timestamp_seconds{source}} (alert when it gets old).
   */
  public void runSucceeded(String sourceId, Instant finished) {
    lastSuccess
        .computeIfAbsent(
            sourceId,
            id -> {
              AtomicLong seconds = new AtomicLong();
              Gauge.builder("vigil.last.success.timestamp", seconds, AtomicLong::get)
                  .description("When the last run of the source finished ok or partial (epoch s)")
                  .baseUnit("seconds")
                  .tag(SOURCE, id)
                  .register(registry);
              return seconds;
            })
        .set(finished.getEpochSecond());
  }

  private Counter counter(String name, String description, String sourceId) {
    return Counter.builder(name).description(description).tag(SOURCE, sourceId).register(registry);
  }

  public void classifyTime(long nanos) {
    classify.record(Duration.ofNanos(nanos));
  }

  public void indexAddTime(long nanos) {
    indexAdd.record(Duration.ofNanos(nanos));
  }

  public void checkpointTime(long nanos) {
    checkpoint.record(Duration.ofNanos(nanos));
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    registry.close();
  }
}
