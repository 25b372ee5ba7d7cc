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
import java.util.concurrent.Executors;
import org.vigil.indexer.Spool;

/**
 * Vigil's metrics: pages fetched and failed by cause, classify latency, flagged count, index
 * latency and spool size. With a port, a Prometheus registry is served on 127.0.0.1 at {@code
 * /metrics}; without one, a no-export registry keeps the code paths the same.
 */
public final class Metrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final HttpServer server;
  private final Counter fetched;
  private final Counter flagged;
  private final Counter cleared;
  private final Timer classify;
  private final Timer indexAdd;
  private final Timer checkpoint;

  private Metrics(MeterRegistry registry, HttpServer server, Path spoolDir) {
    this.registry = registry;
    this.server = server;
    this.fetched =
        Counter.builder("vigil.pages.fetched")
            .description("Pages fetched and extracted")
            .register(registry);
    this.flagged =
        Counter.builder("vigil.items.flagged")
            .description("Pages the classifier flagged")
            .register(registry);
    this.cleared =
        Counter.builder("vigil.items.cleared")
            .description(
                "Re-crawled pages no longer flagged, whose earlier document (if any) is cleared")
            .register(registry);
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

  public void pageFetched() {
    fetched.increment();
  }

  public void pageFailed(String stage, String cause) {
    registry.counter("vigil.pages.failed", "stage", stage, "cause", cause).increment();
  }

  public void flagged() {
    flagged.increment();
  }

  public void cleared() {
    cleared.increment();
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
