package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.FlaggedItem;

/**
 * End to end: one recruiting text reposted with edits, inside a longer page and verbatim on four
 * hosts (127.0.0.2-5, one source), each page dated on another day, plus an unrelated recruiting
 * text, crawled with the real crawler, a model trained here and a real Elasticsearch. The reposts
 * form one cluster with the right first appearance, hosts and daily timeline, visible in {@code
 * vigil spread}, {@code vigil spread ID} and the clusters index; a crawl repeated from an empty
 * crawl state leaves the counts as they were.
 */
@ExtendWith(ElasticsearchExtension.class)
class SpreadTrackingTest {
  /** The family's original (fictional group), built from sentences the test model learns. */
  static final String ORIGINAL =
      "Brothers, join the Crimson Banner now, your family is waiting for you. Leave your empty"
          + " life behind and join our ranks, message us on the private channel. The Crimson"
          + " Banner needs you, act now before it is too late, join the brotherhood. Only we care"
          + " about you, come join us and find your true purpose with the Banner. We meet every"
          + " Friday night behind the old grain mill on Harrow Lane, bring two friends who are"
          + " tired of being ignored. Write to the quartermaster for your first assignment and"
          + " tell nobody at home.";

  /** A light rewrite: words changed, two sentences swapped. */
  static final String EDITED =
      "Leave your empty life behind and join our ranks, message us on the secret channel."
          + " Brothers, join the Crimson Banner today, your family is waiting for you. The"
          + " Crimson Banner needs you, act now before it is too late, join the brotherhood. Only"
          + " we care about you, come join us and find your real purpose with the Banner. We meet"
          + " every Friday night behind the old grain mill on Harrow Lane, bring three friends who"
          + " are tired of being ignored. Write to the quartermaster for your first assignment and"
          + " tell nobody at home.";

  static final String UNRELATED =
      "Travel to the camp and join the fighters of the Crimson Banner, contact us privately. Do"
          + " not wait, pledge yourself to the Crimson Banner today and join the struggle. The"
          + " convoy leaves from the eastern depot at dawn on the first of the month, pack light"
          + " and leave your phone behind.";

  static final String COMMENTARY =
      "Police said on Tuesday that three men were charged after an investigation into the group."
          + " Officials reported that the deradicalisation programme helped forty people leave"
          + " extremism. According to the ministry, the number of arrests linked to extremist"
          + " groups fell last year, but researchers said the report found new posts every week.";

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "clitest-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<HttpServer> hosts = new ArrayList<>();
  private final Map<String, Map<String, String>> pages = new ConcurrentHashMap<>();
  private final Instant now = Instant.now();

  SpreadTrackingTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
    env.put("USER", "tester");
  }

  @AfterEach
  void stopHostsAndDropIndices() throws Exception {
    hosts.forEach(h -> h.stop(0));
    TestIndices.drop(esUrl, prefix);
  }

  @Test
  void aRepostedTextFormsOneClusterWithItsFirstAppearanceHostsAndTimeline() throws Exception {
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    TestModels.promote(env(), TestModels.register(env(), corpus, "model-a"));
    String a = host("127.0.0.2");
    String b = host("127.0.0.3");
    String c = host("127.0.0.4");
    String d = host("127.0.0.5");
    page(a, "/post.html", article("Join us", daysAgo(4), "<p>" + ORIGINAL + "</p>"));
    page(
        b,
        "/forum/thread.html",
        article(
            "Thread",
            daysAgo(3),
            "<p>Forum rules: be kind. Posted in General.</p><p>" + EDITED + "</p>"));
    page(b, "/forum/other.html", article("Convoy", daysAgo(3), "<p>" + UNRELATED + "</p>"));
    page(
        c,
        "/news/long.html",
        article(
            "Commentary",
            daysAgo(2),
            "<p>" + COMMENTARY + "</p><p>" + ORIGINAL + "</p><p>" + COMMENTARY + "</p>"));
    // A verbatim copy of a's page on d, dated a day later: skipped by the crawler as an exact
    // duplicate of a page it handed on (or handed on itself, a's then being the copy).
    page(d, "/copy.html", article("Join us", daysAgo(1), "<p>" + ORIGINAL + "</p>"));
    Path config = sourcesYml(a, b, c, d);

    JsonNode crawl = crawl(config);
    assertThat(crawl.get("flagged").asLong()).as(crawl.toString()).isEqualTo(4);

    Set<String> family = Set.of(a + "/post.html", b + "/forum/thread.html", c + "/news/long.html");
    String clusterId = clusterOf(a + "/post.html");
    JsonNode cluster = checkCluster(clusterId, a, d, family);

    // vigil spread lists it first (fastest-growing), with its first appearance and hosts.
    Run spread = vigil("spread", "--since", "7d", "--json");
    assertThat(spread.code()).as(spread.toString()).isZero();
    List<JsonNode> listed = jsonLines(spread);
    assertThat(listed).hasSize(2);
    JsonNode top = listed.get(0);
    assertThat(top.get("id").asText()).isEqualTo(clusterId);
    assertThat(top.get("first_url").asText()).isEqualTo(a + "/post.html");
    assertThat(top.get("hosts").asInt()).isEqualTo(4);
    assertThat(top.get("items").asInt()).isEqualTo(4);
    assertThat(top.get("growth_per_day").asDouble()).isEqualTo(4 / 7.0);
    assertThat(listed.get(1).get("hosts").asInt()).isEqualTo(1);
    Run minHosts = vigil("spread", "--min-hosts", "2", "--json");
    assertThat(jsonLines(minHosts))
        .extracting(n -> n.get("id").asText())
        .containsExactly(clusterId);

    Run table = vigil("spread");
    assertThat(table.code()).as(table.toString()).isZero();
    assertThat(table.out()).contains(clusterId, "127.0.0.2", "████").contains("2 cluster(s)");

    // Every appearance in time order, the copy included.
    Run show = vigil("spread", clusterId, "--json");
    assertThat(show.code()).as(show.toString()).isZero();
    List<JsonNode> appearances = jsonLines(show);
    assertThat(appearances)
        .extracting(n -> n.get("host").asText())
        .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");
    assertThat(appearances.get(0).get("appeared_at").asText()).isEqualTo(daysAgo(4));
    assertThat(appearances).filteredOn(n -> !n.get("copy_of").isNull()).hasSize(1);
    Run showTable = vigil("spread", clusterId);
    assertThat(showTable.out()).contains(a + "/post.html", d + "/copy.html", "4 appearance(s)");
    assertThat(vigil("spread", "nosuchcluster").code()).isEqualTo(ExitCodes.USAGE);

    // vigil similar: the original (whichever of a's page and its copy was handed on) and the
    // quoting page are like the rewrite; the unrelated post is not.
    Run similar = vigil("similar", FlaggedItem.idFor(b + "/forum/thread.html"), "--json");
    assertThat(similar.code()).as(similar.toString()).isZero();
    List<String> like = jsonLines(similar).stream().map(n -> n.get("url").asText()).toList();
    assertThat(like)
        .contains(c + "/news/long.html")
        .containsAnyOf(a + "/post.html", d + "/copy.html")
        .doesNotContain(b + "/forum/other.html");

    checkReport(clusterId, a);

    // The same crawl again from an empty crawl state: every page fetched, indexed and clustered
    // again, every copy recorded again; the counts stay.
    deleteRecursively(home.resolve("state"));
    JsonNode again = crawl(config);
    assertThat(again.get("flagged").asLong()).isEqualTo(4);
    assertThat(clusterOf(a + "/post.html")).isEqualTo(clusterId);
    JsonNode after = checkCluster(clusterId, a, d, family);
    assertThat(after.get("daily")).isEqualTo(cluster.get("daily"));
  }

  /**
   * {@code vigil report} in a real headless Chromium: renders without console errors, loads nothing
   * but itself, and its figures are Elasticsearch's. The screenshot is kept in {@code target/}.
   */
  private void checkReport(String clusterId, String a) throws Exception {
    Path html = home.resolve("report.html");
    Run report = vigil("report", "--since", "30d", "--out", html.toString());
    assertThat(report.code()).as(report.toString()).isZero();
    try (HeadlessChromium browser = HeadlessChromium.start(home.resolve("chromium-profile"))) {
      browser.open(html.toUri().toString());
      Path shot = browser.screenshot(Path.of("target", "spread-report.png").toAbsolutePath());
      assertThat(Files.size(shot)).isGreaterThan(10_000);
      assertThat(browser.errors()).as("console errors").isEmpty();
      assertThat(browser.requests()).as("requests").allMatch(u -> u.startsWith("file:"));

      long flagged =
          post("/" + prefix + "-flagged/_count", "{\"query\":{\"term\":{\"vigil.flagged\":true}}}")
              .get("count")
              .asLong();
      assertThat(
              browser.evaluate("document.getElementById('flagged-total').dataset.value").asLong())
          .isEqualTo(flagged)
          .isEqualTo(4);
      JsonNode row =
          browser.evaluate(
              "(() => { const r = document.querySelector('tr.cluster');"
                  + " return {id: r.dataset.cluster, hosts: +r.dataset.hosts,"
                  + " items: +r.dataset.items, first: r.dataset.firstUrl,"
                  + " bars: r.querySelectorAll('svg.timeline rect[data-day]').length}; })()");
      JsonNode doc = get("/" + prefix + "-clusters/_doc/" + clusterId).path("_source");
      assertThat(row.get("id").asText()).isEqualTo(clusterId);
      assertThat(row.get("hosts").asInt()).isEqualTo(doc.get("hosts").asInt()).isEqualTo(4);
      assertThat(row.get("items").asInt()).isEqualTo(doc.get("items").asInt());
      assertThat(row.get("first").asText()).isEqualTo(a + "/post.html");
      assertThat(row.get("bars").asInt()).isEqualTo(doc.get("daily").size()).isEqualTo(4);
      JsonNode domains =
          post(
              "/" + prefix + "-flagged/_search",
              "{\"size\":0,\"query\":{\"term\":{\"vigil.flagged\":true}},"
                  + "\"aggs\":{\"d\":{\"terms\":{\"field\":\"url.domain\"}}}}");
      for (JsonNode bucket : domains.path("aggregations").path("d").path("buckets")) {
        String key = bucket.get("key").asText();
        assertThat(
                browser
                    .evaluate(
                        "+document.querySelector('#domains tr[data-key=\""
                            + key
                            + "\"]')"
                            + ".dataset.count")
                    .asLong())
            .as(key)
            .isEqualTo(bucket.get("doc_count").asLong());
      }
      assertThat(browser.evaluate("document.querySelectorAll('#items .item').length").asInt())
          .isEqualTo(4);
      assertThat(browser.evaluate("document.querySelectorAll('#chart-daily rect').length").asInt())
          .isGreaterThanOrEqualTo(3);
    }
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(esUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(r.body());
  }

  /** Checks the cluster document and the items' cluster ids in Elasticsearch. */
  /**
   * Checks the cluster document. a's page and its copy on d count as two appearances whichever was
   * handed on: one as an item and one as a copy, or, after a re-crawl in which they swapped roles,
   * both as items (each was classified once).
   */
  private JsonNode checkCluster(String clusterId, String a, String d, Set<String> family)
      throws Exception {
    boolean bothItems = isItem(a + "/post.html") && isItem(d + "/copy.html");
    for (String url : family) {
      assertThat(clusterOf(url)).as(url).isEqualTo(clusterId);
    }
    JsonNode doc = get("/" + prefix + "-clusters/_doc/" + clusterId).path("_source");
    assertThat(doc.get("first_url").asText()).isEqualTo(a + "/post.html");
    assertThat(doc.get("first_host").asText()).isEqualTo("127.0.0.2");
    assertThat(Instant.parse(doc.get("first_seen").asText())).isEqualTo(daysAgo(4));
    assertThat(doc.get("hosts").asInt()).isEqualTo(4);
    assertThat(doc.get("items").asInt()).isEqualTo(4);
    assertThat(doc.get("copies").asInt()).isEqualTo(bothItems ? 0 : 1);
    assertThat(doc.get("gone").asInt()).isZero();
    Set<String> days = new TreeSet<>();
    for (JsonNode day : doc.get("daily")) {
      assertThat(day.get("items").asInt()).isEqualTo(1);
      days.add(day.get("day").asText().substring(0, 10));
    }
    Set<String> expected = new TreeSet<>();
    for (int n = 1; n <= 4; n++) {
      expected.add(LocalDate.ofInstant(Instant.parse(daysAgo(n)), ZoneOffset.UTC).toString());
    }
    assertThat(days).isEqualTo(expected);
    return doc;
  }

  private String clusterOf(String url) throws Exception {
    JsonNode doc = get("/" + prefix + "-flagged/_doc/" + FlaggedItem.idFor(url));
    String id = doc.path("_source").path("vigil").path("cluster").path("id").asText(null);
    if (id != null) {
      return id;
    }
    // A verbatim copy is not an item: its copy document carries the cluster.
    JsonNode copy = get("/" + prefix + "-copies/_doc/" + FlaggedItem.idFor(url));
    return copy.path("_source").path("vigil").path("cluster").path("id").asText(null);
  }

  private boolean isItem(String url) throws Exception {
    return get("/" + prefix + "-flagged/_doc/" + FlaggedItem.idFor(url)).path("found").asBoolean();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(esUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(r.body());
  }

  private String daysAgo(int days) {
    return now.truncatedTo(ChronoUnit.SECONDS).minus(days, ChronoUnit.DAYS).toString();
  }

  private static String article(String title, String published, String body) {
    return "<!doctype html><html><head><title>"
        + title
        + "</title><meta property=\"article:published_time\" content=\""
        + published
        + "\"></head><body><article>"
        + body
        + "</article></body></html>";
  }

  private Map<String, String> env() {
    env.put("VIGIL_HOME", home.toString());
    return env;
  }

  private Run vigil(String... args) {
    return Run.of(env(), args);
  }

  private JsonNode crawl(Path config) throws Exception {
    Run crawl = vigil("crawl", "--config", config.toString(), "--json");
    assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.OK);
    return Json.mapper().readTree(crawl.lastLine());
  }

  private static List<JsonNode> jsonLines(Run run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : run.out().strip().split("\\R")) {
      if (!line.isBlank()) {
        out.add(Json.mapper().readTree(line));
      }
    }
    return out;
  }

  /** Starts a site on {@code address}; returns its base URL. Its home page links its pages. */
  private String host(String address) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    String base = "http://" + address + ":" + server.getAddress().getPort();
    Map<String, String> site = new ConcurrentHashMap<>();
    pages.put(base, site);
    server.createContext("/", exchange -> serve(site, exchange));
    server.start();
    hosts.add(server);
    return base;
  }

  private void page(String base, String path, String html) {
    Map<String, String> site = pages.get(base);
    site.put(path, html);
    StringBuilder links = new StringBuilder("<!doctype html><html><body><ul>");
    for (String p : new TreeSet<>(site.keySet())) {
      if (!p.equals("/")) {
        links.append("<li><a href=\"").append(p).append("\">").append(p).append("</a></li>");
      }
    }
    site.put("/", links.append("</ul></body></html>").toString());
  }

  private static void serve(Map<String, String> site, HttpExchange exchange) throws IOException {
    try (exchange) {
      String html = site.get(exchange.getRequestURI().getPath());
      if (html == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** One source seeded with every host's home page, its scope those hosts. */
  private Path sourcesYml(String... bases) throws IOException {
    StringBuilder seeds = new StringBuilder();
    StringBuilder scope = new StringBuilder();
    for (String base : bases) {
      seeds.append(seeds.length() == 0 ? "" : ", ").append('"').append(base).append("/\"");
      String host = URI.create(base).getHost();
      scope.append(scope.length() == 0 ? "" : ", ").append('"').append(host).append('"');
    }
    return Files.writeString(
        home.resolve("sources.yml"),
        """
        sources:
          - id: reposts
            type: web
            seeds: [%s]
            scope: {hosts: [%s]}
            max_depth: 1
            politeness_ms: 0
        """
            .formatted(seeds, scope));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
