package org.vigil.cli.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.model.Source;

/**
 * Starts each source's crawl when its cron schedule is due. Never runs one source twice at once (an
 * occurrence that comes while the previous crawl still runs is skipped), staggers sources due
 * together, reloads the config on request or when its fingerprint changes (keeping the old config
 * when the new one is invalid), and on {@link #stop} stops taking work, asks in-flight crawls to
 * stop gracefully and waits for them a bounded time.
 *
 * <p>All timing goes through the injected {@link Clock} and {@link Sleeper}, so tests drive it with
 * a fake clock by calling {@link #tick()} directly.
 */
public final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** What the scheduler knows about one source. */
  public record SourceState(
      String id,
      String schedule,
      String timezone,
      Instant nextDue,
      boolean running,
      Instant lastStarted,
      Instant lastFinished,
      String lastOutcome) {}

  private final SourcesProvider provider;
  private final SourceRunner runner;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration stagger;
  private final Duration pollInterval;
  private final ZoneId zone;
  private final ExecutorService workers;
  private final Consumer<Scheduler> onChange;

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private String fingerprint;
  private Instant lastStartSlot = Instant.MIN;
  private volatile boolean reloadRequested;
  private volatile boolean stopping;
  private volatile String state = "idle";

  private static final class Entry {
    Source source;
    CronSchedule cron;
    Instant nextDue;
    Instant startAt;
    boolean running;
    Instant lastStarted;
    Instant lastFinished;
    String lastOutcome = "";
  }

  private Scheduler(Builder b) {
    this.provider = b.provider;
    this.runner = b.runner;
    this.clock = b.clock;
    this.sleeper = b.sleeper == null ? Sleeper.real(b.clock) : b.sleeper;
    this.stagger = b.stagger;
    this.pollInterval = b.pollInterval;
    this.zone = b.zone;
    this.onChange = b.onChange;
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "vigil-scheduled-crawl");
              t.setDaemon(true);
              return t;
            });
  }

  public static Builder builder(SourcesProvider provider, SourceRunner runner) {
    return new Builder(provider, runner);
  }

  /** Builder of a {@link Scheduler}. */
  public static final class Builder {
    private final SourcesProvider provider;
    private final SourceRunner runner;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private Duration stagger = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(2);
    private ZoneId zone = ZoneId.systemDefault();
    private Consumer<Scheduler> onChange = s -> {};

    private Builder(SourcesProvider provider, SourceRunner runner) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.runner = Objects.requireNonNull(runner, "runner");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Gap between the starts of sources that are due at the same time (default 5 s). */
    public Builder stagger(Duration stagger) {
      if (stagger.isNegative()) {
        throw new IllegalArgumentException("stagger must be >= 0, was " + stagger);
      }
      this.stagger = stagger;
      return this;
    }

    /** How often the config file is checked for changes (default 2 s). */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * Time zone of the cron expressions of sources without a {@code timezone} (default: the
     * system's).
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Called (on any thread) after the state changed, e.g. to write the state file. */
    public Builder onChange(Consumer<Scheduler> onChange) {
      this.onChange = Objects.requireNonNull(onChange, "onChange");
      return this;
    }

    /**
     * Builds the scheduler and loads the initial config.
     *
     * @throws Exception when the initial config is invalid (there is no old one to keep)
     */
    public Scheduler build() throws Exception {
      Scheduler scheduler = new Scheduler(this);
      scheduler.apply(provider.load(), provider.fingerprint());
      return scheduler;
    }
  }

  /** Makes every scheduled source due now (e.g. {@code --run-now}); staggering still applies. */
  public synchronized void dueNow() {
    Instant now = clock.instant();
    entries.values().forEach(e -> e.nextDue = now);
  }

  /** Asks for a config reload at the next tick (SIGHUP). */
  public void requestReload() {
    reloadRequested = true;
    sleeper.wake();
  }

  /**
   * Runs until {@link #stop} is called, then waits up to {@code drainTimeout} for in-flight crawls,
   * which have been asked to stop gracefully. Returns whether they all ended in time.
   */
  public boolean runUntilStopped(Duration drainTimeout) throws InterruptedException {
    state = "running";
    changed();
    while (!stopping) {
      Instant wakeAt = tick();
      if (!stopping) {
        sleeper.sleepUntil(wakeAt);
      }
    }
    return drain(drainTimeout);
  }

  /** Stops taking new work and asks every in-flight crawl to stop gracefully. Thread-safe. */
  public void stop() {
    List<String> inFlight;
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
      state = "stopping";
      inFlight = entries.values().stream().filter(e -> e.running).map(e -> e.source.id()).toList();
    }
    LOG.info("stopping: no new crawls; asking {} in-flight crawl(s) to stop", inFlight.size());
    inFlight.forEach(runner::stop);
    sleeper.wake();
    changed();
  }

  private boolean drain(Duration timeout) throws InterruptedException {
    workers.shutdown();
    boolean done = workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      LOG.warn("in-flight crawls did not stop within {}; exiting anyway", timeout);
    }
    state = "stopped";
    changed();
    return done;
  }

  /**
   * One scheduling step at the clock's current time: reloads the config if requested or changed,
   * starts the crawls that are due (staggered, never overlapping), and returns when to tick next.
   */
  public Instant tick() {
    String fp = provider.fingerprint();
    if (reloadRequested || !fp.equals(fingerprint)) {
      reloadRequested = false;
      reload(fp);
    }
    Instant now = clock.instant();
    List<Entry> toStart = new ArrayList<>();
    synchronized (this) {
      if (stopping) {
        return now;
      }
      for (Entry e : entries.values()) {
        if (e.nextDue != null && !e.nextDue.isAfter(now) && e.startAt == null) {
          if (e.running) {
            LOG.info("source {} is due but its previous crawl still runs; skipped", e.source.id());
            e.lastOutcome = "skipped-overlap";
          } else {
            Instant slot = lastStartSlot.plus(stagger);
            e.startAt = slot.isAfter(now) ? slot : now;
            lastStartSlot = e.startAt;
          }
          e.nextDue = e.cron.nextAfter(now).orElse(null);
        }
      }
      for (Entry e : entries.values()) {
        if (e.startAt != null && !e.startAt.isAfter(now) && !e.running) {
          e.startAt = null;
          e.running = true;
          e.lastStarted = now;
          toStart.add(e);
        }
      }
    }
    toStart.forEach(this::launch);
    if (!toStart.isEmpty()) {
      changed();
    }
    return nextWake(now);
  }

  private synchronized Instant nextWake(Instant now) {
    Instant wake = now.plus(pollInterval);
    for (Entry e : entries.values()) {
      for (Instant t : new Instant[] {e.nextDue, e.startAt}) {
        if (t != null && t.isBefore(wake)) {
          wake = t;
        }
      }
    }
    return wake.isBefore(now) ? now : wake;
  }

  private void launch(Entry entry) {
    Source source = entry.source;
    LOG.info("starting scheduled crawl of {}", source.id());
    workers.execute(
        () -> {
          String outcome = "ok";
          try {
            runner.run(source);
          } catch (Exception | Error e) {
            outcome = "failed: " + e.getMessage();
            LOG.warn("scheduled crawl of {} failed: {}", source.id(), e.toString());
          } finally {
            synchronized (this) {
              entry.running = false;
              entry.lastFinished = clock.instant();
              entry.lastOutcome = outcome;
            }
            sleeper.wake();
            changed();
          }
        });
  }

  private void reload(String fp) {
    try {
      List<Source> sources = provider.load();
      apply(sources, fp);
      LOG.info("config reloaded: {} source(s)", sources.size());
    } catch (Exception e) {
      fingerprint = fp; // do not retry the same broken file on every tick
      LOG.warn("config reload failed, keeping the previous config: {}", e.getMessage());
    }
    changed();
  }

  /** The zone a source's schedule is read in: its own {@code timezone}, else the scheduler's. */
  private ZoneId zoneOf(Source source) {
    return source.timezone() == null ? zone : ZoneId.of(source.timezone());
  }

  private synchronized void apply(List<Source> sources, String fp) {
    Instant now = clock.instant();
    Map<String, Entry> next = new LinkedHashMap<>();
    for (Source source : sources) {
      Entry e = entries.getOrDefault(source.id(), new Entry());
      String oldSchedule = e.source == null ? null : e.source.schedule();
      ZoneId sourceZone = zoneOf(source);
      e.source = source;
      if (source.schedule() == null) {
        e.cron = null;
        e.nextDue = null;
        e.startAt = null;
      } else if (!source.schedule().equals(oldSchedule)
          || e.cron == null
          || !e.cron.zone().equals(sourceZone)) {
        e.cron = CronSchedule.parse(source.schedule(), sourceZone);
        e.nextDue = e.cron.nextAfter(now).orElse(null);
      }
      next.put(source.id(), e);
    }
    // Removed sources are forgotten; a crawl of one that is in flight finishes on its own.
    entries.clear();
    entries.putAll(next);
    fingerprint = fp;
  }

  /** A snapshot of every source's state, sorted by id. */
  public synchronized List<SourceState> sources() {
    return entries.values().stream()
        .map(
            e ->
                new SourceState(
                    e.source.id(),
                    e.source.schedule(),
                    zoneOf(e.source).getId(),
                    e.nextDue,
                    e.running,
                    e.lastStarted,
                    e.lastFinished,
                    e.lastOutcome))
        .sorted(Comparator.comparing(SourceState::id))
        .toList();
  }

  /** The state of one source. */
  public Optional<SourceState> source(String id) {
    return sources().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** {@code idle}, {@code running}, {@code stopping} or {@code stopped}. */
  public String state() {
    return state;
  }

  private void changed() {
    try {
      onChange.accept(this);
    } catch (RuntimeException e) {
      LOG.warn("scheduler state listener failed: {}", e.toString());
    }
  }
}
