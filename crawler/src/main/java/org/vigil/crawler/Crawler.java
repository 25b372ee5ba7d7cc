package org.vigil.crawler;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vigil.crawler.internal.CrawlEngine;
import org.vigil.model.CrawlListener;
import org.vigil.model.PageSink;
import org.vigil.model.Source;

/**
 * Crawls one source: seeds, sitemaps or feeds, then links within scope, politely (robots.txt,
 * per-host gap across all threads), within limits, guarded against private addresses, handing each
 * new or changed page to a {@link PageSink}. State (frontier, per-URL validators and hashes) lives
 * in {@code <stateDir>/<source-id>/}, so a killed crawl resumes and a re-crawl is incremental.
 *
 * <pre>{@code
 * try (Crawler crawler = Crawler.builder(config, source).stateDir(dir).sink(sink).build()) {
 *   CrawlResult result = crawler.run();
 * }
 * }</pre>
 */
public final class Crawler implements AutoCloseable {
  private final CrawlEngine engine;

  private Crawler(CrawlEngine engine) {
    this.engine = engine;
  }

  /**
   * Starts building a crawler for {@code source}, with the settings and limits of {@code config}.
   */
  public static Builder builder(SourcesConfig config, Source source) {
    return new Builder(config, source);
  }

  /**
   * Crawls until the frontier is empty, a limit is hit, or {@link #stop()} is called. Failures of
   * single URLs are reported to the listener and counted; they never end the crawl.
   *
   * @throws IOException when the crawl state cannot be read or written
   * @throws IllegalStateException when called twice
   */
  public CrawlResult run() throws IOException {
    return engine.run();
  }

  /**
   * Stops gracefully: no new URLs are taken, in-flight ones finish, state is checkpointed, and
   * {@link #run()} returns with {@code completed == false}. The next run resumes. Thread-safe.
   */
  public void stop() {
    engine.stop();
  }

  /** Stops the crawl if running and releases connections and the state database. */
  @Override
  public void close() {
    engine.close();
  }

  /** Configures a {@link Crawler}. */
  public static final class Builder {
    /** The default {@link #checkpointInterval}: 500 ms. */
    public static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 500;

    private final SourcesConfig config;
    private final Source source;
    private CrawlLimits limits;
    private Path stateDir;
    private PageSink sink = page -> {};
    private String sinkVersion;
    private CrawlListener listener = CrawlListener.NONE;
    private Integer threads;
    private long progressIntervalMs = 1_000;
    private long checkpointIntervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
    private final Map<String, InetAddress> resolve = new LinkedHashMap<>();

    private Builder(SourcesConfig config, Source source) {
      this.config = Objects.requireNonNull(config, "config");
      this.source = Objects.requireNonNull(source, "source");
      this.limits = config.limits(source.id());
    }

    /**
     * The directory holding every source's crawl state; this crawl uses {@code
     * <stateDir>/<source-id>/}. Without it, state is kept in memory only (nothing resumes).
     */
    public Builder stateDir(Path dir) {
      this.stateDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Where new and changed pages go (default: nowhere). */
    public Builder sink(PageSink pageSink) {
      this.sink = Objects.requireNonNull(pageSink, "sink");
      return this;
    }

    /**
     * What the sink does with pages, as an opaque version string (Vigil: the classifier model's
     * version). Pages handed to the sink under another version are handed on again even when
     * unchanged: fetched without conditional headers, with {@link
     * org.vigil.model.CrawledPage#previousContentHash()} set. The version is stored per URL with
     * its content hash, once the sink's checkpoint made the page durable. A URL whose version is
     * unknown (fetched without a sink version, or by a release from before sink versions) counts as
     * another version. Without this setting (default) versions are neither compared nor stored:
     * only new or changed pages are handed on.
     */
    public Builder sinkVersion(String version) {
      Objects.requireNonNull(version, "version");
      if (version.isBlank()) {
        throw new IllegalArgumentException("sink version must not be blank");
      }
      this.sinkVersion = version;
      return this;
    }

    /** Receives failures and progress (default: none). */
    public Builder listener(CrawlListener crawlListener) {
      this.listener = Objects.requireNonNull(crawlListener, "listener");
      return this;
    }

    /** Fetch threads; overrides the source's {@code threads} setting. */
    public Builder threads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("threads must be >= 1, was " + count);
      }
      this.threads = count;
      return this;
    }

    /** Overrides the limits from the configuration. */
    public Builder limits(CrawlLimits crawlLimits) {
      this.limits = Objects.requireNonNull(crawlLimits, "limits");
      return this;
    }

    /** How often {@link CrawlListener#onProgress} is called (default 1 s). */
    public Builder progressInterval(long millis) {
      if (millis < 1) {
        throw new IllegalArgumentException("progress interval must be >= 1 ms, was " + millis);
      }
      this.progressIntervalMs = millis;
      return this;
    }

    /**
     * How often finished URLs are checkpointed at least (default {@value
     * #DEFAULT_CHECKPOINT_INTERVAL_MS} ms; also whenever 500 state writes are pending): {@link
     * PageSink#checkpoint()}, then one state transaction. A crawl killed (SIGKILL, power loss)
     * fetches again, when it resumes, the pages finished since the last committed checkpoint: at
     * most about one interval plus the sink's checkpoint time of work, plus the pages in flight (at
     * most one per thread). Shorter loses less work to a crash; longer batches more.
     */
    public Builder checkpointInterval(long millis) {
      if (millis < 1) {
        throw new IllegalArgumentException("checkpoint interval must be >= 1 ms, was " + millis);
      }
      this.checkpointIntervalMs = millis;
      return this;
    }

    /**
     * Resolves {@code host} to {@code address} instead of asking DNS, like curl's {@code --resolve}
     * (demo sites, tests). The SSRF guard still checks the address.
     */
    public Builder resolve(String host, InetAddress address) {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(address, "address");
      resolve.put(host.toLowerCase(Locale.ROOT), address);
      return this;
    }

    /**
     * Builds the crawler and opens its state.
     *
     * @throws IOException when the state directory or database cannot be opened
     */
    public Crawler build() throws IOException {
      CrawlLimits effective =
          threads == null ? limits : limits.withThreads(threads, limits.maxPagesPerHost());
      return new Crawler(
          new CrawlEngine(
              source,
              config.userAgent(),
              config.allowPrivateNetworks(),
              effective,
              stateDir,
              sink,
              sinkVersion,
              listener,
              progressIntervalMs,
              checkpointIntervalMs,
              Map.copyOf(resolve)));
    }
  }
}
