package org.vigil.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.cli.Run;
import org.vigil.cli.TestData;
import org.vigil.cli.TestIndices;
import org.vigil.cli.TestModels;
import org.vigil.cli.TestSite;
import org.vigil.cli.Vigil;
import org.vigil.cli.internal.ActiveModel;
import org.vigil.cli.internal.Json;
import org.vigil.cli.internal.Metrics;
import org.vigil.cli.internal.Pipeline;
import org.vigil.cli.internal.Pipelines;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;

/**
 * A running scheduler follows the model registry: after {@code vigil model promote} or {@code
 * rollback}, the next scheduled run classifies with the new model, and because the model version is
 * the crawl's sink version it re-checks every unchanged page under it. A model that cannot be
 * loaded keeps the old one, is logged once and is named in the run history. The scheduler, the
 * pipeline and the model follow the wiring of {@code vigil schedule}; the scheduler really runs
 * (its own thread and sleeper) on a clock the test moves to the next cron time. Real site on
 * 127.0.0.1, real Elasticsearch, models trained here.
 */
@ExtendWith(ElasticsearchExtension.class)
class ScheduledModelReloadTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "clireload-" + UUID.randomUUID().toString().substring(0, 8);
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-05T12:01:00Z"));
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private TestSite site;
  private String modelA;
  private String modelB;

  ScheduledModelReloadTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
  }

  @BeforeEach
  void startSiteAndTrainModels() throws IOException {
    env.put("VIGIL_HOME", home.toString());
    site = TestSite.recruitmentAndOrdinary();
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    modelA = TestModels.register(env, corpus, "model-a");
    // Model B learnt the opposite: it flags the ordinary page and not the recruitment one.
    modelB =
        TestModels.register(
            env, TestModels.swappedLabels(corpus, home.resolve("swapped.tsv")), "model-b");
    TestModels.promote(env, modelA);
    log.start();
    modelLogger().addAppender(log);
  }

  @AfterEach
  void stopSiteAndDropIndices() throws Exception {
    modelLogger().detachAppender(log);
    site.close();
    TestIndices.drop(esUrl, prefix);
  }

  private static Logger modelLogger() {
    return (Logger) LoggerFactory.getLogger(ActiveModel.class);
  }

  @Test
  void aPromotionOrRollbackIsUsedFromTheNextScheduledRunWithoutARestart() throws Exception {
    String x = site.base() + "/x.html";
    String y = site.base() + "/y.html";
    try (RunningScheduler scheduler = startScheduler()) {
      JsonNode first = scheduler.runAt("12:05");
      assertThat(first.get("fetched").asLong()).isEqualTo(3);
      assertThat(flaggedModels()).containsExactly(Map.entry(x, modelA));

      // Promoted while the scheduler runs (it is waiting for 12:10).
      TestModels.promote(env, modelB);
      site.clearConditionalRequests();
      JsonNode second = scheduler.runAt("12:10");
      assertThat(second.get("status").asText()).isEqualTo("ok");
      assertThat(second.get("error_summary").asText()).isEmpty();
      // The sink version changed with the model: every unchanged page fetched unconditionally and
      // classified again; the item only A flagged is cleared.
      assertThat(site.conditionalRequests()).isEmpty();
      assertThat(second.get("fetched").asLong()).isEqualTo(3);
      assertThat(second.get("skipped").asLong()).isZero();
      assertThat(second.get("cleared").asLong()).isEqualTo(1);
      assertThat(flaggedModels()).containsExactly(Map.entry(y, modelB));
      assertThat(scheduler.pipeline.modelVersion()).isEqualTo(modelB);
      assertThat(messages(Level.INFO)).containsExactly(changed(modelA, modelB));

      // Nothing changed: no reload, and the crawl is incremental again.
      JsonNode third = scheduler.runAt("12:15");
      assertThat(third.get("fetched").asLong()).isZero();
      assertThat(third.get("skipped").asLong()).isEqualTo(3);
      assertThat(messages(Level.INFO)).hasSize(1);

      Run rollback = Run.of(env, "model", "rollback");
      assertThat(rollback.code()).as(rollback.toString()).isZero();
      JsonNode fourth = scheduler.runAt("12:20");
      assertThat(fourth.get("fetched").asLong()).isEqualTo(3);
      assertThat(fourth.get("cleared").asLong()).isEqualTo(1);
      assertThat(flaggedModels()).containsExactly(Map.entry(x, modelA));
      assertThat(messages(Level.INFO))
          .containsExactly(changed(modelA, modelB), changed(modelB, modelA));
      assertThat(messages(Level.WARN)).isEmpty();
    }
  }

  @Test
  void aModelThatFailsToLoadKeepsThePreviousOneAndIsNamedInTheRunHistory() throws Exception {
    String x = site.base() + "/x.html";
    Path broken = home.resolve("models").resolve(modelB).resolve("model.bin");
    Files.writeString(broken, "not a model");
    try (RunningScheduler scheduler = startScheduler()) {
      assertThat(scheduler.runAt("12:05").get("fetched").asLong()).isEqualTo(3);

      TestModels.promote(env, modelB);
      JsonNode second = scheduler.runAt("12:10");
      // Still model A: the crawl is incremental, nothing is re-classified, the scheduler goes on.
      assertThat(second.get("status").asText()).isEqualTo("ok");
      assertThat(second.get("fetched").asLong()).isZero();
      assertThat(second.get("skipped").asLong()).isEqualTo(3);
      assertThat(second.get("error_summary").asText())
          .startsWith("model not loaded, kept " + modelA + ": " + broken);
      assertThat(flaggedModels()).containsExactly(Map.entry(x, modelA));
      assertThat(scheduler.pipeline.modelVersion()).isEqualTo(modelA);
      assertThat(messages(Level.WARN))
          .singleElement()
          .asString()
          .startsWith("cannot load model " + broken + ": ")
          .endsWith("; still classifying with " + modelA)
          .doesNotContain("\n");

      // The next run still says so, without loading the same broken file again.
      JsonNode third = scheduler.runAt("12:15");
      assertThat(third.get("error_summary").asText())
          .isEqualTo(second.get("error_summary").asText());
      assertThat(messages(Level.WARN)).hasSize(1);
      assertThat(scheduler.scheduler.source("site").orElseThrow().lastOutcome()).isEqualTo("ok");

      // Rolled back to the model in use: nothing to load, nothing to report.
      assertThat(Run.of(env, "model", "rollback").code()).isZero();
      JsonNode fourth = scheduler.runAt("12:20");
      assertThat(fourth.get("error_summary").asText()).isEmpty();
      assertThat(messages(Level.INFO)).isEmpty();
      assertThat(scheduler.scheduler.state()).isEqualTo("running");
    }
  }

  private static String changed(String from, String to) {
    return "model changed: " + from + " -> " + to;
  }

  /** Formatted messages of the model's log at {@code level}, INFO ones cut before the file. */
  private List<String> messages(Level level) {
    return log.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .map(m -> level == Level.INFO ? m.substring(0, m.indexOf(" (")) : m)
        .toList();
  }

  /** Flagged item URL → the model version it was classified with. */
  private Map<String, String> flaggedModels() throws IOException {
    Run search = Run.of(env, "search", "*", "--json");
    assertThat(search.code()).as(search.toString()).isZero();
    Map<String, String> models = new TreeMap<>();
    for (String line : search.out().strip().lines().filter(l -> !l.isBlank()).toList()) {
      JsonNode hit = Json.mapper().readTree(line);
      models.put(hit.get("url").asText(), hit.get("model_version").asText());
    }
    return models;
  }

  /** {@code vigil schedule}'s wiring, on the test's clock, running on its own thread. */
  private RunningScheduler startScheduler() throws Exception {
    Path config = site.sourcesYml(home.resolve("sources.yml"), "schedule: \"*/5 * * * *\"");
    return new RunningScheduler(config);
  }

  private final class RunningScheduler implements AutoCloseable {
    final Metrics metrics = Metrics.none(home.resolve("spool"));
    final Pipeline pipeline;
    final Scheduler scheduler;
    final Thread loop;

    RunningScheduler(Path config) throws Exception {
      Vigil root = new Vigil(env, clock);
      pipeline =
          Pipelines.open(
              root,
              new PrintWriter(new StringWriter(), true),
              ActiveModel.follows(home, null),
              home.resolve("state"),
              metrics);
      ConfigFileSources sources = new ConfigFileSources(config);
      scheduler =
          Scheduler.builder(sources, new PipelineRunner(pipeline, sources::config))
              .clock(clock)
              .zone(ZoneOffset.UTC)
              .stagger(Duration.ZERO)
              .pollInterval(Duration.ofMillis(50))
              .build();
      loop =
          new Thread(
              () -> {
                try {
                  scheduler.runUntilStopped(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "test-scheduler");
      loop.start();
    }

    /** Moves the clock to {@code hh:mm}, waits for the scheduled run, returns its record. */
    JsonNode runAt(String time) throws Exception {
      Instant at = Instant.parse("2026-01-05T" + time + ":00Z");
      clock.set(at);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!finishedAt(at)) {
        assertThat(loop.isAlive()).as("scheduler thread").isTrue();
        assertThat(System.nanoTime()).as("run at " + time + " finished").isLessThan(deadline);
        Thread.sleep(20);
      }
      Run runs = Run.of(env, "runs", "--source", "site", "--last", "1", "--json");
      assertThat(runs.code()).as(runs.toString()).isZero();
      JsonNode run = Json.mapper().readTree(runs.lastLine());
      assertThat(run.get("trigger").asText()).isEqualTo("schedule");
      assertThat(Instant.parse(run.get("started").asText())).isEqualTo(at);
      return run;
    }

    private boolean finishedAt(Instant at) {
      Scheduler.SourceState state = scheduler.source("site").orElseThrow();
      return at.equals(state.lastStarted()) && !state.running();
    }

    @Override
    public void close() throws Exception {
      scheduler.stop();
      loop.join(TimeUnit.SECONDS.toMillis(60));
      pipeline.close();
      metrics.close();
    }
  }
}
