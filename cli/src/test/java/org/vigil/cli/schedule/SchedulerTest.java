package org.vigil.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

class SchedulerTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:01:00Z");
  private final FakeClock clock = new FakeClock(T0);
  private final TestRunner runner = new TestRunner();
  private final MutableProvider provider = new MutableProvider();
  private Scheduler scheduler;

  @AfterEach
  void tearDown() {
    runner.releaseAll();
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  private Scheduler scheduler(Source... sources) throws Exception {
    provider.set(List.of(sources));
    scheduler =
        Scheduler.builder(provider, runner)
            .clock(clock)
            .sleeper(new FakeSleeper(clock))
            .zone(ZoneOffset.UTC)
            .stagger(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMinutes(10))
            .build();
    return scheduler;
  }

  static Source source(String id, String cron) {
    return new Source(id, SourceType.WEB, List.of("http://127.0.0.1/"), null, 1, 10, 0, cron);
  }

  @Test
  void startsASourceWhenItsCronIsDueAndComputesTheNextDueTime() throws Exception {
    Scheduler s = scheduler(source("a", "*/5 * * * *"), source("manual", null));
    assertThat(s.source("a").orElseThrow().nextDue()).isEqualTo(at("12:05:00"));
    assertThat(s.source("manual").orElseThrow().nextDue()).isNull();

    clock.set(at("12:04:59"));
    assertThat(s.tick()).isEqualTo(at("12:05:00"));
    assertThat(runner.started).isEmpty();

    clock.set(at("12:05:00"));
    s.tick();
    runner.awaitStarts(1);
    assertThat(runner.started).containsExactly("a");
    assertThat(s.source("a").orElseThrow().nextDue()).isEqualTo(at("12:10:00"));
  }

  @Test
  void aSourcesTimezoneAndMacrosDecideWhenItIsDue() throws Exception {
    // T0 is 12:01 UTC = 21:01 in Tokyo (UTC+9, no DST); @daily there is 15:00 UTC.
    Source tokyo =
        new Source(
            "tokyo",
            SourceType.WEB,
            List.of("http://127.0.0.1/"),
            null,
            1,
            10,
            0,
            "@daily",
            "Asia/Tokyo",
            null);
    Scheduler s = scheduler(tokyo, source("utc", "@hourly"), source("weekly", "@weekly"));
    assertThat(s.source("tokyo").orElseThrow().nextDue()).isEqualTo(at("15:00:00"));
    assertThat(s.source("utc").orElseThrow().nextDue()).isEqualTo(at("13:00:00"));
    // 2026-01-05 is a Monday: @weekly is Sunday 00:00
    assertThat(s.source("weekly").orElseThrow().nextDue())
        .isEqualTo(Instant.parse("2026-01-11T00:00:00Z"));

    provider.set(List.of(source("tokyo", "@daily"))); // same schedule, zone dropped: UTC again
    s.tick();
    assertThat(s.source("tokyo").orElseThrow().nextDue())
        .isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
  }

  @Test
  void neverRunsTheSameSourceTwiceAtOnce() throws Exception {
    Scheduler s = scheduler(source("a", "*/5 * * * *"));
    runner.block("a");
    clock.set(at("12:05:00"));
    s.tick();
    runner.awaitStarts(1);

    clock.set(at("12:10:00"));
    s.tick(); // still running: this occurrence is skipped
    clock.set(at("12:15:00"));
    s.tick();
    assertThat(runner.started).containsExactly("a");
    assertThat(s.source("a").orElseThrow().lastOutcome()).isEqualTo("skipped-overlap");
    assertThat(s.source("a").orElseThrow().nextDue()).isEqualTo(at("12:20:00"));

    runner.release("a");
    runner.awaitFinished("a", s);
    clock.set(at("12:20:00"));
    s.tick();
    runner.awaitStarts(2);
    assertThat(runner.maxConcurrent.get()).isEqualTo(1);
  }

  @Test
  void staggersSourcesDueAtTheSameTime() throws Exception {
    Scheduler s =
        scheduler(
            source("a", "*/5 * * * *"), source("b", "*/5 * * * *"), source("c", "*/5 * * * *"));
    clock.set(at("12:05:00"));
    Instant wake = s.tick();
    runner.awaitStarts(1);
    assertThat(runner.started).containsExactly("a");
    assertThat(wake).isEqualTo(at("12:05:05"));

    clock.set(at("12:05:04"));
    s.tick();
    assertThat(runner.started).hasSize(1);
    clock.set(at("12:05:05"));
    s.tick();
    runner.awaitStarts(2);
    clock.set(at("12:05:10"));
    s.tick();
    runner.awaitStarts(3);
    assertThat(runner.started).containsExactly("a", "b", "c");
  }

  @Test
  void reloadPicksUpChangedSchedulesAndKeepsTheOldConfigWhenTheNewOneIsInvalid() throws Exception {
    Scheduler s = scheduler(source("a", "*/5 * * * *"));
    provider.set(List.of(source("a", "0 * * * *"), source("b", "30 12 * * *")));
    s.tick();
    assertThat(s.source("a").orElseThrow().nextDue()).isEqualTo(at("13:00:00"));
    assertThat(s.source("b").orElseThrow().nextDue()).isEqualTo(at("12:30:00"));

    provider.fail("sources.yml:3: sources[0].schedule: invalid cron");
    s.requestReload();
    s.tick();
    assertThat(s.sources()).extracting(Scheduler.SourceState::id).containsExactly("a", "b");

    provider.set(List.of(source("b", "30 12 * * *")));
    s.tick();
    assertThat(s.sources()).extracting(Scheduler.SourceState::id).containsExactly("b");
  }

  @Test
  void invalidInitialConfigFailsTheBuild() {
    provider.fail("sources.yml:1: sources: missing");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Scheduler.builder(provider, runner).clock(clock).build())
        .hasMessageContaining("sources.yml:1");
  }

  @Test
  void stopMidCrawlAsksTheCrawlToStopAndReturnsOnceItHas() throws Exception {
    Scheduler s = scheduler(source("a", "*/5 * * * *"), source("b", "0 0 1 1 *"));
    runner.block("a"); // the loop's sleeper advances the fake clock to 12:05, when a is due
    AtomicInteger result = new AtomicInteger(-1);
    Thread loop =
        new Thread(
            () -> {
              try {
                result.set(s.runUntilStopped(Duration.ofSeconds(10)) ? 1 : 0);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    loop.start();
    runner.awaitStarts(1);
    s.stop();
    loop.join(10_000);
    assertThat(loop.isAlive()).isFalse();
    assertThat(result.get()).isEqualTo(1);
    assertThat(runner.stopped).containsExactly("a");
    assertThat(runner.started).containsExactly("a");
    assertThat(s.tick()).isEqualTo(clock.instant()); // stopped: nothing new starts
    assertThat(s.state()).isEqualTo("stopped");
  }

  @Test
  void stopGivesUpOnACrawlThatIgnoresItAfterTheDrainTimeout() throws Exception {
    Scheduler s = scheduler(source("a", "*/5 * * * *"));
    runner.block("a");
    runner.ignoreStop = true;
    s.dueNow();
    s.tick();
    runner.awaitStarts(1);
    s.stop();
    assertThat(s.runUntilStopped(Duration.ofMillis(100))).isFalse();
  }

  private static Instant at(String time) {
    return Instant.parse("2026-01-05T" + time + "Z");
  }

  /** A sleeper that jumps the fake clock forward instead of waiting. */
  static final class FakeSleeper implements Sleeper {
    private final FakeClock clock;

    FakeSleeper(FakeClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
      Thread.sleep(1);
      if (instant.isAfter(clock.instant())) {
        clock.set(instant);
      }
    }

    @Override
    public void wake() {}
  }

  static final class MutableProvider implements SourcesProvider {
    private volatile List<Source> sources = List.of();
    private volatile String error;
    private final AtomicInteger version = new AtomicInteger();

    void set(List<Source> sources) {
      this.sources = sources;
      this.error = null;
      version.incrementAndGet();
    }

    void fail(String error) {
      this.error = error;
      version.incrementAndGet();
    }

    @Override
    public List<Source> load() throws Exception {
      if (error != null) {
        throw new IllegalStateException(error);
      }
      return sources;
    }

    @Override
    public String fingerprint() {
      return "v" + version.get();
    }
  }

  static final class TestRunner implements SourceRunner {
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    volatile boolean ignoreStop;

    void block(String id) {
      gates.put(id, new CountDownLatch(1));
    }

    void release(String id) {
      CountDownLatch gate = gates.remove(id);
      if (gate != null) {
        gate.countDown();
      }
    }

    void releaseAll() {
      List.copyOf(gates.keySet()).forEach(this::release);
    }

    void awaitStarts(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (started.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertThat(started).hasSizeGreaterThanOrEqualTo(n);
    }

    /** Waits until {@code id}'s run has returned and the scheduler has recorded its end. */
    void awaitFinished(String id, Scheduler s) throws InterruptedException {
      assertThat(finished.get(id).await(10, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (s.source(id).orElseThrow().running() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertThat(s.source(id).orElseThrow().running()).isFalse();
    }

    @Override
    public void run(Source source) throws Exception {
      finished.put(source.id(), new CountDownLatch(1));
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      started.add(source.id());
      try {
        CountDownLatch gate = gates.get(source.id());
        if (gate != null) {
          gate.await(10, TimeUnit.SECONDS);
        }
      } finally {
        concurrent.decrementAndGet();
        finished.get(source.id()).countDown();
      }
    }

    @Override
    public void stop(String sourceId) {
      stopped.add(sourceId);
      if (!ignoreStop) {
        release(sourceId);
      }
    }
  }
}
