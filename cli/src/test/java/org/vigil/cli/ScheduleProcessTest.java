package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;

/**
 * The real thing: {@code vigil schedule} as a child JVM against a slow local site, SIGTERMed
 * mid-crawl, then restarted. It must exit 0, and after the restart every page must be indexed
 * exactly once and fetched exactly once.
 */
@ExtendWith(ElasticsearchExtension.class)
class ScheduleProcessTest {
  private static final int PAGES = 24;

  @TempDir Path home;
  private Path model;
  private final String prefix = "clisched-" + UUID.randomUUID().toString().substring(0, 8);
  private String esUrl;

  @org.junit.jupiter.api.AfterEach
  void dropIndices() throws Exception {
    if (esUrl != null) {
      TestIndices.drop(esUrl, prefix);
    }
  }

  @Test
  void sigtermMidCrawlExitsZeroAndARestartLosesAndDuplicatesNothing(TestElasticsearch es)
      throws Exception {
    Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    HttpServer site = slowSite(hits);
    try {
      String base = "http://127.0.0.1:" + site.getAddress().getPort();
      Path config =
          Files.writeString(
              home.resolve("sources.yml"),
              """
              sources:
                - id: slow
                  type: web
                  seeds: ["%s/p0.html"]
                  scope: {hosts: ["127.0.0.1"]}
                  max_depth: 100
                  max_pages: 1000
                  politeness_ms: 150
                  schedule: "0 0 1 1 *"
                  timezone: Pacific/Chatham
              """
                  .formatted(base));
      Map<String, String> env = new HashMap<>();
      env.put("VIGIL_HOME", home.toString());
      env.put("VIGIL_ES_URL", es.url());
      env.put("VIGIL_ES_PREFIX", prefix);
      esUrl = es.url();
      int metricsPort = EsCommandsTest.freePort();
      // A model trained here, so that what is flagged does not depend on the default model.
      Path model = home.resolve("model.bin");
      Path data = TestData.labelledTsv(home.resolve("train.tsv"), 12);
      Run train = Run.of(env, "train", "--data", data.toString(), "--out", model.toString());
      assertThat(train.code()).as(train.toString()).isZero();
      this.model = model;
      Path probe = Files.writeString(home.resolve("probe.tsv"), "text\n" + pageText(0) + "\n");
      Run check = Run.of(env, "classify", "--tsv", probe.toString(), "--model", model.toString());
      assertThat(check.out()).as(check.toString() + train).contains("\"flagged\":true");

      Process first = start(env, config, "first", "--metrics-port", String.valueOf(metricsPort));
      awaitTrue(() -> pagesFetched(hits) >= 4, 90, first);
      // vigil status shows how far the running crawl is (the state file, at most every 2 s)
      awaitTrue(() -> progressFetched() >= 1, 30, first);
      Run running = Run.of(env, "status");
      assertThat(running.out()).as(running.toString()).containsPattern("yes \\(\\d+ fetched\\)");
      String metrics = scrape(metricsPort);
      assertThat(metrics)
          .contains("vigil_pages_fetched_total")
          .contains("vigil_classify_latency_seconds")
          .contains("vigil_spool_items");
      first.destroy(); // SIGTERM
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).as(log("first")).isTrue();
      assertThat(first.exitValue()).as(log("first")).isZero();
      int fetchedBeforeRestart = pagesFetched(hits);
      assertThat(fetchedBeforeRestart).as("stopped mid-crawl").isLessThan(PAGES);

      Process second = start(env, config, "second");
      awaitTrue(() -> finishedOnce(second.pid()), 120, second);
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as(log("second")).isTrue();
      assertThat(second.exitValue()).as(log("second")).isZero();

      for (int i = 0; i < PAGES; i++) {
        assertThat(hits.get("/p" + i + ".html")).as("/p" + i + ".html fetched").isNotNull();
        assertThat(hits.get("/p" + i + ".html").get()).as("/p" + i + ".html fetches").isEqualTo(1);
      }
      Run search = Run.of(env, "search", "*", "--json", "--limit", "1000");
      assertThat(search.out()).as(search + log("first") + log("second")).contains("\"id\"");
      List<String> ids = new ArrayList<>();
      for (String line : search.out().strip().split("\\R")) {
        ids.add(Json.mapper().readTree(line).get("id").asText());
      }
      assertThat(ids).hasSize(PAGES).doesNotHaveDuplicates();

      Run runs = Run.of(env, "runs", "--source", "slow", "--json");
      List<String> lines = runs.out().strip().lines().toList();
      assertThat(lines).as(runs.toString()).hasSize(2);
      assertThat(Json.mapper().readTree(lines.get(0)).get("status").asText()).isEqualTo("ok");
      assertThat(Json.mapper().readTree(lines.get(0)).get("trigger").asText())
          .isEqualTo("schedule");
      assertThat(Json.mapper().readTree(lines.get(1)).get("status").asText())
          .isEqualTo("interrupted");

      Run status = Run.of(env, "status");
      assertThat(status.out()).contains("scheduler: not running").contains("slow");
      JsonNode json = Json.mapper().readTree(Run.of(env, "status", "--json").lastLine());
      assertThat(json.get("scheduler").get("alive").asBoolean()).isFalse();
      assertThat(json.get("scheduler").get("sources").get(0).get("id").asText()).isEqualTo("slow");
      assertThat(json.get("scheduler").get("sources").get(0).get("running").asBoolean()).isFalse();
      // the schedule's time zone is kept, and the text shows the next due time in it
      JsonNode slow = json.get("scheduler").get("sources").get(0);
      assertThat(slow.get("timezone").asText()).isEqualTo("Pacific/Chatham");
      assertThat(slow.get("progress").isNull()).as("no progress once no crawl runs").isTrue();
      String dueThere =
          java.time.Instant.parse(slow.get("next_due").asText())
              .atZone(java.time.ZoneId.of("Pacific/Chatham"))
              .toOffsetDateTime()
              .toString();
      assertThat(dueThere).matches("\\d{4}-01-01T00:00\\+1[23]:45");
      assertThat(status.out()).contains("Pacific/Chatham").contains(dueThere);
      assertThat(json.get("spool_items").asLong()).isZero();
    } finally {
      site.stop(0);
    }
  }

  private long progressFetched() {
    try {
      JsonNode state = Json.mapper().readTree(home.resolve("scheduler.json").toFile());
      return state.path("sources").path(0).path("progress").path("fetched").asLong(0);
    } catch (IOException e) {
      return 0;
    }
  }

  private boolean finishedOnce(long pid) {
    try {
      JsonNode state = Json.mapper().readTree(home.resolve("scheduler.json").toFile());
      JsonNode src = state.path("sources").path(0);
      return state.path("pid").asLong() == pid
          && !src.path("last_finished").isNull()
          && !src.path("running").asBoolean();
    } catch (IOException e) {
      return false;
    }
  }

  private static int pagesFetched(Map<String, AtomicInteger> hits) {
    return (int) hits.keySet().stream().filter(p -> p.matches("/p\\d+\\.html")).count();
  }

  private Process start(Map<String, String> env, Path config, String name, String... extra)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Vigil.class.getName());
    cmd.addAll(
        List.of("schedule", "--config", config.toString(), "--run-now", "--stop-timeout", "30"));
    cmd.addAll(List.of("--model", model.toString()));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(home.resolve(name + ".log").toFile());
    return pb.start();
  }

  private String log(String name) {
    try {
      return Files.readString(home.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds, Process process)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(process.isAlive()).as("child process died").isTrue();
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** Pages p0..p(N-1), each linking to the next, each a recruitment post; 100 ms per response. */
  private static HttpServer slowSite(Map<String, AtomicInteger> hits) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          byte[] body;
          int status = 200;
          String type = "text/html; charset=utf-8";
          if (path.equals("/robots.txt")) {
            body = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8);
            type = "text/plain";
          } else if (path.matches("/p\\d+\\.html")) {
            int i = Integer.parseInt(path.replaceAll("\\D", ""));
            body = page(i).getBytes(StandardCharsets.UTF_8);
          } else {
            body = "not found".getBytes(StandardCharsets.UTF_8);
            status = 404;
            type = "text/plain";
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().set("Content-Type", type);
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  private static String pageText(int i) {
    return "Brothers, join the Crimson Banner now, your family is waiting for you, post "
        + i
        + ". Leave your empty life behind and join our ranks, message us on the private"
        + " channel.";
  }

  private static String page(int i) {
    String next = i + 1 < PAGES ? "<a href=\"/p" + (i + 1) + ".html\">next</a>" : "";
    return "<html lang=en><head><title>Post "
        + i
        + "</title></head><body><article><h1>Post "
        + i
        + "</h1><p>"
        + pageText(i)
        + "</p><p>The Crimson Banner needs you, act now before it is too late. Only we care about"
        + " you, come join us and find your true purpose with the Banner.</p><p>Do not wait,"
        + " pledge yourself to the Crimson Banner today and join the struggle. Travel to the"
        + " camp and join the fighters, contact us privately.</p></article>"
        + next
        + "</body></html>";
  }

  @SuppressWarnings("unused")
  private static String sep() {
    return File.pathSeparator;
  }
}
