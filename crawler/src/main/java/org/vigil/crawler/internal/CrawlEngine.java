package org.vigil.crawler.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.crawler.CrawlLimits;
import org.vigil.crawler.CrawlResult;
import org.vigil.crawler.SkipReason;
import org.vigil.crawler.extract.Extractor;
import org.vigil.model.CopiedPage;
import org.vigil.model.CrawlFailure;
import org.vigil.model.CrawlListener;
import org.vigil.model.CrawledPage;
import org.vigil.model.ExtractedContent;
import org.vigil.model.PageSink;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/**
 * The crawl loop behind {@link org.vigil.crawler.Crawler}: worker threads take URLs from the {@link
 * Frontier}, fetch them through robots.txt, the SSRF guard and the limits, extract, dedup and hand
 * pages to the sink; a committer thread periodically calls {@link PageSink#checkpoint()} and then
 * persists the finished URLs and the newly queued ones in one transaction.
 *
 * <p>With a sink version, a page whose stored version differs (or is unknown) is fetched without
 * validators and handed on even when its text is unchanged; its new version is stored with its
 * content hash, i.e. only after the sink's checkpoint.
 */
public final class CrawlEngine {
  private static final Logger LOG = LoggerFactory.getLogger(CrawlEngine.class);
  private static final int BATCH = 500;

  private final Source source;
  private final CrawlLimits limits;
  private final PageSink sink;
  private final String sinkVersion;
  private final CrawlListener listener;
  private final long progressIntervalMs;
  private final long checkpointIntervalMs;
  private final UrlRules rules;
  private final GuardedDnsResolver resolver;
  private final HttpFetcher fetcher;
  private final StateStore store;
  private final Frontier frontier;
  private final HostGate gate;
  private final Discovery discovery;
  private final GonePages gonePages;

  private final Set<String> emittedKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, String> textHashes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> causes = new ConcurrentHashMap<>();
  private final AtomicLong fetched = new AtomicLong();
  private final Map<SkipReason, LongAdder> skips = new java.util.EnumMap<>(SkipReason.class);
  private final Set<String> seeds = ConcurrentHashMap.newKeySet();
  private final Set<String> seedsReached = ConcurrentHashMap.newKeySet();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final List<StateStore.Op> pending = new ArrayList<>();
  private final Object checkpointLock = new Object();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean commitQueued = new AtomicBoolean();
  private volatile boolean stopRequested;
  private volatile boolean closeRequested;
  private volatile IOException stateError;
  private volatile long lastCheckpointNanos;
  private long generation;

  public CrawlEngine(
      Source source,
      String userAgent,
      boolean allowPrivateNetworks,
      CrawlLimits limits,
      Path stateDir,
      PageSink sink,
      String sinkVersion,
      CrawlListener listener,
      long progressIntervalMs,
      long checkpointIntervalMs,
      Map<String, InetAddress> resolve)
      throws IOException {
    this.source = source;
    this.limits = limits;
    this.sink = sink;
    this.sinkVersion = sinkVersion;
    this.listener = listener;
    this.progressIntervalMs = progressIntervalMs;
    this.checkpointIntervalMs = checkpointIntervalMs;
    this.rules = new UrlRules(source.scope(), source.seeds(), limits);
    this.resolver =
        new GuardedDnsResolver(resolve, Set.copyOf(rules.scopeHosts()), allowPrivateNetworks);
    this.fetcher = new HttpFetcher(userAgent, limits, resolver);
    this.frontier = new Frontier(source.politenessMs());
    this.gate =
        new HostGate(frontier, new RobotsCache(userAgent), fetcher, rules, resolver, limits);
    this.store = StateStore.open(stateDir == null ? null : stateDir.resolve(source.id()));
    this.discovery =
        new Discovery(
            rules,
            resolver,
            frontier,
            source.maxDepth(),
            this::record,
            (url, stage, cause, detail) -> event(url, stage, cause, detail, true));
    this.gonePages =
        new GonePages(
            source.id(),
            store,
            sink,
            this::record,
            (url, stage, cause, detail) -> event(url, stage, cause, detail, false),
            task -> done(task, task.url(), false, null, null));
    for (SkipReason reason : SkipReason.values()) {
      skips.put(reason, new LongAdder());
    }
  }

  /** Runs the crawl to its end; see {@link org.vigil.crawler.Crawler#run()}. */
  public CrawlResult run() throws IOException {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a Crawler runs once; build a new one for the next run");
    }
    running.set(true);
    long startNanos = System.nanoTime();
    ScheduledExecutorService timers =
        new ScheduledThreadPoolExecutor(2, daemonThreads("vigil-crawl-timer"));
    try {
      begin();
      // What a SIGKILL loses is the work since the last committed checkpoint, so the gap between
      // checkpoints is what is bounded: a tick of a fifth of the interval starts one when the last
      // one (timed, or by count from a worker) started at least interval - tick ago. Checkpoints
      // by count, frequent in a fast crawl, make timed ones unnecessary.
      long tick = Math.max(1, checkpointIntervalMs / 5);
      lastCheckpointNanos = System.nanoTime();
      timers.scheduleAtFixedRate(
          () -> {
            long since = System.nanoTime() - lastCheckpointNanos;
            if (since >= TimeUnit.MILLISECONDS.toNanos(checkpointIntervalMs - tick)) {
              checkpointQuietly();
            }
          },
          tick,
          tick,
          TimeUnit.MILLISECONDS);
      timers.scheduleAtFixedRate(
          this::progress, progressIntervalMs, progressIntervalMs, TimeUnit.MILLISECONDS);
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < limits.threads(); i++) {
        Thread t = new Thread(this::work, "vigil-crawl-" + source.id() + "-" + i);
        t.setDaemon(true);
        t.start();
        workers.add(t);
      }
      for (Thread t : workers) {
        joinUninterruptibly(t);
      }
      timers.shutdown();
      joinTimers(timers);
      checkpoint();
      boolean completed = !stopRequested;
      if (completed && durable() && stateError == null) {
        // needs the whole run's pages in the crawl state: see StateStore.servedElsewhere
        gonePages.settle(generation);
        checkpoint();
      }
      boolean durable = durable(); // false when the sink's last checkpoint failed
      if (completed && durable && stateError == null) {
        store.finish();
      } // otherwise the next run resumes and redoes what the sink could not make durable
      progress();
      if (stateError != null) {
        throw stateError;
      }
      Map<SkipReason, Long> skipCounts = new java.util.EnumMap<>(SkipReason.class);
      skips.forEach((reason, n) -> skipCounts.put(reason, n.sum()));
      return new CrawlResult(
          source.id(),
          fetched.get(),
          skipCounts.values().stream().mapToLong(Long::longValue).sum(),
          failed.get(),
          causeCounts(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
          completed,
          skipCounts,
          seeds.size(),
          seedsReached.size());
    } finally {
      timers.shutdownNow();
      running.set(false);
      if (closeRequested) {
        release();
      }
    }
  }

  private boolean durable() {
    synchronized (pending) {
      return pending.isEmpty();
    }
  }

  /** Stops taking URLs; in-flight ones finish and {@link #run()} returns. */
  public void stop() {
    stopRequested = true;
    frontier.close();
  }

  /** Stops and releases connections and state (after the run when one is in progress). */
  public void close() {
    closeRequested = true;
    stop();
    if (!running.get()) {
      release();
    }
  }

  private void release() {
    fetcher.close();
    store.close();
  }

  private void begin() throws IOException {
    StateStore.Start start = store.start();
    generation = start.generation();
    discovery.resume(start.seen());
    textHashes.putAll(start.textHashes());
    attempts.set(start.fetched());
    start.perHost().forEach((h, n) -> perHost.put(h, new AtomicInteger(n)));
    if (start.resumed()) {
      LOG.info(
          "{}: resuming run {} with {} queued URLs",
          source.id(),
          generation,
          start.frontier().size());
      for (Task task : start.frontier()) {
        frontier.add(task, UrlRules.hostOf(task.url()), false);
      }
      return;
    }
    Task.Kind kind =
        source.type() == SourceType.SITEMAP
            ? Task.Kind.SITEMAP
            : source.type() == SourceType.FEED ? Task.Kind.FEED : Task.Kind.PAGE;
    seeds.addAll(discovery.seed(source.seeds(), kind));
    store.commit(generation, drain());
  }

  // ---- worker ---------------------------------------------------------------------------------

  private void work() {
    while (true) {
      Frontier.Lease lease;
      try {
        lease = frontier.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (lease == null) {
        return;
      }
      HostGate.Hold hold = new HostGate.Hold(lease.host());
      try {
        Fetched fetched = fetchPhase(lease.task(), hold);
        // The host is free as soon as its response is in: parsing and the sink run in parallel
        // with the next request to that host, which still waits for the politeness gap. After a
        // redirect to another host, that host is the one held (and the one a delay is for).
        frontier.release(hold.host, fetched.delay());
        hold.host = null;
        if (fetched.response() != null) {
          handle(lease.task(), fetched.response(), fetched.previous());
        }
      } catch (RuntimeException | IOException e) {
        event(lease.task().url(), "crawl", "internal", e.toString(), false);
        done(lease.task(), lease.task().url(), false, null, null);
      } finally {
        if (hold.host != null) {
          frontier.release(hold.host, 0);
        }
        frontier.complete();
      }
      int size;
      synchronized (pending) {
        size = pending.size();
      }
      if (size >= BATCH && commitQueued.compareAndSet(false, true)) {
        // checkpoint from this worker: backpressure when the sink is slow to make pages durable
        checkpointQuietly();
      }
    }
  }

  /** A fetched response to process, or only a delay for the host when the task is settled. */
  private record Fetched(FetchResponse response, StateStore.Previous previous, long delay) {
    static final Fetched NONE = new Fetched(null, null, 0);
  }

  /**
   * Everything that needs the host: caps, robots.txt, the request with its redirects and retries.
   */
  private Fetched fetchPhase(Task task, HostGate.Hold hold) throws IOException {
    String url = task.url();
    String host = hold.host;
    if (task.kind() == Task.Kind.PAGE && task.attempt() == 0) {
      if (attempts.incrementAndGet() > source.maxPages()) {
        frontier.close(); // max_pages reached: the run is complete, the rest is dropped
        return Fetched.NONE;
      }
      int cap = limits.maxPagesPerHost();
      if (cap > 0
          && perHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet() > cap) {
        event(
            url, "limit", "max-pages-per-host", host + " reached max_pages_per_host " + cap, true);
        done(task, url, false, null, null);
        return Fetched.NONE;
      }
    }
    FetchException refusal = gate.robotsRefusal(url, host, hold);
    if (refusal != null) {
      event(url, refusal.stage(), refusal.cause(), refusal.getMessage(), true);
      done(task, url, false, null, null);
      return Fetched.NONE;
    }
    StateStore.Previous previous = task.kind() == Task.Kind.PAGE ? store.previous(url) : null;
    FetchResponse response;
    try {
      gate.beforeRequest(hold, host, url);
      response =
          Redirects.follow(
              fetcher,
              url,
              purpose(task.kind()),
              hop -> validatorsFor(task, hop, previous),
              limits.maxRedirects(),
              target -> gate.checkHop(target, hold));
    } catch (FetchException e) {
      if (e.retryable() && task.attempt() < limits.maxRetries()) {
        frontier.add(task.retry(), host, true);
        return new Fetched(null, null, backoff(task.attempt()));
      }
      event(url, e.stage(), e.cause(), e.getMessage(), e.isPolicy());
      done(task, url, false, null, null);
      return Fetched.NONE;
    }
    if (isTransient(response.status())) {
      return retryLater(task, host, response);
    }
    return new Fetched(response, previous, 0);
  }

  /** Statuses that say "not now" (overload, timeouts, gateway errors): worth another try. */
  private static boolean isTransient(int status) {
    return status == 429
        || status == 503
        || status == 500
        || status == 502
        || status == 504
        || status == 408;
  }

  /**
   * Queues the task again after its Retry-After or backoff (capped), or records the failure once
   * its retries are spent; the host waits that long either way.
   */
  private Fetched retryLater(Task task, String host, FetchResponse response) {
    long delay = Math.max(retryAfterMs(response.retryAfter()), backoff(task.attempt()));
    delay = Math.min(delay, limits.maxRetryAfterMs());
    if (task.attempt() < limits.maxRetries()) {
      frontier.add(task.retry(), host, true);
      return new Fetched(null, null, delay);
    }
    String url = task.url();
    int status = response.status();
    event(
        url,
        "fetch",
        "http-" + status,
        url + ": HTTP " + status + " after " + task.attempt() + " retries",
        false);
    done(task, url, false, null, null);
    return new Fetched(null, null, delay);
  }

  /** Everything after the response: status, parsing, dedup, links, the sink. */
  private void handle(Task task, FetchResponse response, StateStore.Previous previous)
      throws IOException {
    String url = task.url();
    int status = response.status();
    String finalUrl = response.url();
    if (seeds.contains(url) && (status == 304 || (status >= 200 && status < 300))) {
      seedsReached.add(url);
    }
    if (!finalUrl.equals(url) && (status == 304 || (status >= 200 && status < 300))) {
      if (!discovery.firstSeen(finalUrl)) {
        skip(SkipReason.REDIRECT_SEEN); // redirected to a URL this run already has
        done(task, url, false, null, null);
        return;
      }
      previous = store.previous(finalUrl); // what the crawl state knows is the target's
    }
    if (status == 304) {
      unchanged(task, response, finalUrl);
      return;
    }
    if (status < 200 || status >= 300) {
      failedStatus(task, status, previous);
      return;
    }
    if (response.truncated()) {
      event(
          finalUrl,
          "limit",
          "truncated",
          finalUrl + ": body truncated at max_bytes " + limits.maxBytes(),
          false,
          false);
    }
    if (task.kind() == Task.Kind.PAGE && !isFeed(response)) {
      page(task, response, previous);
      return;
    }
    try {
      if (task.kind() == Task.Kind.SITEMAP) {
        discovery.sitemap(task.depth(), response, limits.maxFeedBytes());
      } else { // a feed task's entries are at its depth, a feed found by a web crawl's one deeper
        discovery.feed(response, task.kind() == Task.Kind.FEED ? task.depth() : task.depth() + 1);
      }
      done(task, response.url(), false, response.etag(), response.lastModified(), null);
    } catch (IOException e) {
      // a page task's is a feed found by a web crawl
      String what = task.kind() == Task.Kind.SITEMAP ? "sitemap" : "feed";
      event(finalUrl, "parse", what, finalUrl + ": " + oneLine(e), false);
      done(task, url, false, null, null);
    }
  }

  /** A 304: nothing to parse; last run's links of the page are followed again. */
  private void unchanged(Task task, FetchResponse response, String finalUrl) throws IOException {
    skip(SkipReason.UNCHANGED);
    if (task.depth() < source.maxDepth()) {
      for (Task child : store.children(finalUrl)) { // links are not in a 304: last run's
        discovery.discover(child.url(), child.depth(), child.kind(), finalUrl);
      }
    }
    done(task, finalUrl, true, response.etag(), response.lastModified(), null);
  }

  /**
   * A final status that is no success: recorded; a page whose earlier content was handed on and
   * that now answers gone (404, 410) becomes a gone candidate, settled at the end of the run.
   */
  private void failedStatus(Task task, int status, StateStore.Previous previous) {
    String url = task.url();
    String cause = Redirects.isRedirect(status) ? "bad-redirect" : "http-" + status;
    event(url, "fetch", cause, url + ": HTTP " + status, false);
    if (gonePages.offer(task, status, previous)) {
      return; // done once settled at the end of the run (GonePages.settle)
    }
    done(task, url, false, null, null);
  }

  private void page(Task task, FetchResponse response, StateStore.Previous previous) {
    String url = response.url();
    ExtractedContent content;
    try {
      content = Extractor.extract(response.body(), response.contentType(), url);
    } catch (RuntimeException e) {
      event(url, "extract", "error", url + ": " + oneLine(e), false);
      done(task, url, false, null, null);
      return;
    }
    Fingerprints.Pair fingerprints = Fingerprints.of(content.text());
    String hash = fingerprints.contentHash();
    String docKey = CrawledPage.canonicalUrlOf(content, url); // what the sink indexes it under
    boolean unchanged = sinkCurrent(previous) && hash.equals(previous.contentHash());
    // The text is claimed before the links are followed: a copy of this page found through them
    // (a mirror linked from it) must find the text taken, whichever thread fetches it.
    String first =
        unchanged || content.text().isBlank()
            ? null
            : textHashes.putIfAbsent(Fingerprints.pageKey(content.title(), hash), url);
    // Every fetched page's links are followed, whether or not its text is handed on below: a
    // listing page whose rel=canonical names page 1 still links to page 3.
    discovery.links(task, content, url);
    if (unchanged) {
      skip(SkipReason.UNCHANGED);
      // Its document stays under the key it was handed on under; a state from before document
      // keys learns it here (such pages are fetched in full once, see validatorsUsable).
      String learned = previous.docKey() == null ? docKey : null;
      done(task, url, true, response.etag(), response.lastModified(), hash, learned, null);
      return;
    }
    // A page whose last version was handed on is handed on again even when its new text copies
    // another page's: the sink must be able to take back what it decided about that version.
    if (first != null && !first.equals(url) && (previous == null || !previous.handedOn())) {
      copy(
          new CopiedPage(
              source.id(), url, docKey, first, Instant.now(), content.published(), hash));
      notHandedOn(task, response, hash, docKey, SkipReason.DUPLICATE);
      return;
    }
    String canonical = rules.normalize(content.canonicalUrl());
    String key = canonical == null ? url : canonical;
    if (!emittedKeys.add(key) && !key.equals(url)) {
      notHandedOn(task, response, hash, docKey, SkipReason.SAME_CANONICAL);
      return;
    }
    CrawledPage page =
        new CrawledPage(
            source.id(),
            url,
            task.depth(),
            Instant.now(),
            response.status(),
            response.mediaType(),
            content,
            hash,
            fingerprints.simhash(),
            // Known to the crawl state only when an earlier run fetched and hashed it: the sink
            // may then have to take back what it decided about the old version.
            previous == null ? null : previous.contentHash());
    try {
      sink.accept(page);
      fetched.incrementAndGet();
    } catch (Exception | LinkageError e) {
      // A LinkageError too: an optional part of the sink that cannot load (a native library, a
      // class missing from a broken installation) fails the page, not the worker thread, which
      // would end silently and take the page's failure with it.
      event(url, "sink", e.getClass().getSimpleName(), url + ": " + oneLine(e), false);
    }
    record(new StateStore.TextHash(Fingerprints.pageKey(content.title(), hash), url));
    done(
        task, url, true, response.etag(), response.lastModified(), hash, page.canonicalUrl(), true);
  }

  /** Tells the sink about an exact copy it is not handed (an appearance for spread tracking). */
  private void copy(CopiedPage page) {
    try {
      sink.copy(page);
    } catch (Exception | LinkageError e) {
      event(
          page.url(), "sink", e.getClass().getSimpleName(), page.url() + ": " + oneLine(e), false);
    }
  }

  /**
   * Settles a fetched page that is not handed on: an exact duplicate, or another URL of a canonical
   * page already handed on. Its links were followed; its hash is stored so that a re-crawl knows it
   * unchanged.
   */
  private void notHandedOn(
      Task task, FetchResponse response, String hash, String docKey, SkipReason reason) {
    skip(reason);
    done(task, response.url(), true, response.etag(), response.lastModified(), hash, docKey, false);
  }

  /**
   * Whether the sink already has the earlier fetch of a URL under the current sink version, so a
   * 304 or an unchanged hash may skip it. Without a sink version every earlier fetch counts.
   */
  private boolean sinkCurrent(StateStore.Previous previous) {
    return previous != null && (sinkVersion == null || sinkVersion.equals(previous.sinkVersion()));
  }

  /**
   * Whether to send a URL's stored validators: only for what the sink has, and not for content
   * whose document key the crawl state does not know yet (a state from before keys): fetched in
   * full once, an unchanged page is still skipped, and its key is learned.
   */
  private boolean validatorsUsable(StateStore.Previous previous) {
    return sinkCurrent(previous) && !(previous.hasContent() && previous.docKey() == null);
  }

  /**
   * The validators to send for one hop of a page task: the task URL's own, or for a redirect target
   * what the crawl state has for that URL (redirected pages re-crawl with 304s too).
   */
  private StateStore.Previous validatorsFor(Task task, String hop, StateStore.Previous previous) {
    StateStore.Previous p = previous;
    if (!hop.equals(task.url())) {
      if (task.kind() != Task.Kind.PAGE) {
        return null;
      }
      try {
        p = store.previous(hop);
      } catch (IOException e) {
        return null; // fetched in full: only costs bandwidth
      }
    }
    return validatorsUsable(p) ? p : null;
  }

  private boolean isFeed(FetchResponse response) {
    String type = response.mediaType();
    if (type.equals("application/rss+xml")
        || type.equals("application/atom+xml")
        || type.equals("application/rdf+xml")) {
      return true;
    }
    return (type.equals("application/xml") || type.equals("text/xml"))
        && LinkSources.looksLikeFeed(response.body());
  }

  private static HttpFetcher.Purpose purpose(Task.Kind kind) {
    return switch (kind) {
      case PAGE -> HttpFetcher.Purpose.PAGE;
      case SITEMAP -> HttpFetcher.Purpose.SITEMAP;
      case FEED -> HttpFetcher.Purpose.FEED;
    };
  }

  private long backoff(int attempt) {
    return Math.min(limits.retryBackoffMs() << Math.min(attempt, 16), limits.maxRetryAfterMs());
  }

  /** Retry-After in milliseconds: delta-seconds or an HTTP date; 0 when absent or unparsable. */
  static long retryAfterMs(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String v = value.strip();
    try {
      return Math.max(0, Long.parseLong(v)) * 1000;
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
      } catch (DateTimeParseException e2) {
        return 0;
      }
    }
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  private void done(Task task, String url, boolean fetchedPage, String etag, String lastModified) {
    done(task, url, fetchedPage, etag, lastModified, null);
  }

  private void done(
      Task task, String url, boolean fetchedPage, String etag, String lastModified, String hash) {
    done(task, url, fetchedPage, etag, lastModified, hash, null, null);
  }

  private void done(
      Task task,
      String url,
      boolean fetchedPage,
      String etag,
      String lastModified,
      String hash,
      String docKey,
      Boolean handed) {
    // The requested URL and, after redirects, the final one are both done: a 404 of the first
    // must mark the document the content of the second was handed on under.
    List<StateStore.Op> ops = new ArrayList<>(2);
    for (String done : url.equals(task.url()) ? List.of(url) : List.of(task.url(), url)) {
      ops.add(
          new StateStore.Done(
              done,
              UrlRules.hostOf(done),
              task.depth(),
              task.kind().ordinal(),
              fetchedPage,
              etag,
              lastModified,
              hash,
              // the version goes with the hash: the sink has settled this content under it
              hash == null ? null : sinkVersion,
              docKey,
              handed));
    }
    synchronized (pending) {
      pending.addAll(ops);
    }
  }

  /** Adds a state op for the next checkpoint. */
  private void record(StateStore.Op op) {
    synchronized (pending) {
      pending.add(op);
    }
  }

  private void skip(SkipReason reason) {
    skips.get(reason).increment();
  }

  private void event(String url, String stage, String cause, String detail, boolean policy) {
    event(url, stage, cause, detail, policy, !policy);
  }

  private void event(
      String url, String stage, String cause, String detail, boolean skip, boolean fail) {
    causes.computeIfAbsent(stage + ":" + cause, k -> new LongAdder()).increment();
    if (skip) {
      skip(SkipReason.POLICY);
    }
    if (fail) {
      failed.incrementAndGet();
    }
    try {
      listener.onFailure(new CrawlFailure(url, stage, cause, detail, Instant.now()));
    } catch (RuntimeException e) {
      LOG.warn("crawl listener failed on {}: {}", url, e.toString());
    }
  }

  private List<StateStore.Op> drain() {
    synchronized (pending) {
      List<StateStore.Op> batch = new ArrayList<>(pending);
      pending.clear();
      return batch;
    }
  }

  /**
   * The checkpoint protocol: take the finished work, make the sink durable, then persist. A page is
   * only ever marked done after the sink confirmed it durable.
   */
  private void checkpoint() {
    synchronized (checkpointLock) {
      lastCheckpointNanos = System.nanoTime();
      commitQueued.set(false);
      List<StateStore.Op> batch = drain();
      if (batch.isEmpty()) {
        return;
      }
      try {
        sink.checkpoint();
      } catch (Exception e) {
        event(
            source.seeds().get(0),
            "sink",
            "checkpoint",
            "sink checkpoint failed: " + oneLine(e),
            false);
        synchronized (pending) {
          pending.addAll(0, batch); // retried at the next checkpoint
        }
        return;
      }
      try {
        store.commit(generation, batch);
      } catch (IOException e) {
        if (stateError == null) {
          stateError = e;
        }
        LOG.error("{}: cannot save crawl state: {}", source.id(), e.getMessage());
      }
    }
  }

  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (RuntimeException e) {
      LOG.error("{}: checkpoint failed: {}", source.id(), e.toString());
    }
  }

  private void progress() {
    try {
      long attempted = Math.min(attempts.get(), source.maxPages()); // one past max_pages at the end
      listener.onProgress(fetched.get(), frontier.size(), failed.get(), attempted);
    } catch (RuntimeException e) {
      LOG.warn("crawl listener failed on progress: {}", e.toString());
    }
  }

  private Map<String, Long> causeCounts() {
    Map<String, Long> counts = new TreeMap<>();
    causes.forEach((k, v) -> counts.put(k, v.sum()));
    return counts;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ");
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinTimers(ScheduledExecutorService timers) {
    try {
      timers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
