import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vigil.indexer.EmbeddedElasticsearch;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.SpreadQuery;
import org.vigil.indexer.SpreadTracker;
import org.vigil.indexer.VigilIndex;

/**
 * Latency of what {@code vigil spread} asks Elasticsearch, at the scale of the 1,000,000-item
 * engine run (~200,000 clusters): loads N generated cluster documents into a clusters index, then
 * times the catch-up update that every {@code vigil spread} runs first (nothing pending) and the
 * listing queries (7 days; 30 days with at least 5 hosts). Starts its own embedded Elasticsearch
 * unless given a URL. Usage: java -cp ... SpreadListBench.java [clusters] [es-url]
 */
public class SpreadListBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    EmbeddedElasticsearch embedded = null;
    String url;
    Path home = null;
    if (args.length > 1) {
      url = args[1];
    } else {
      home = Files.createTempDirectory("vigil-spread-bench-es-");
      embedded = EmbeddedElasticsearch.at(home, 9287);
      url = embedded.start(Duration.ofMinutes(3));
    }
    String prefix = "bench-spread-" + System.nanoTime() % 100000;
    HttpClient http = HttpClient.newHttpClient();
    try (VigilIndex index = VigilIndex.connect(EsSettings.of(url), prefix)) {
      index.setup();
      Instant now = Instant.now();
      long t0 = System.nanoTime();
      load(http, url, prefix + "-clusters", n, now);
      System.out.printf(Locale.ROOT, "loaded %,d cluster documents in %.1f s%n", n,
          (System.nanoTime() - t0) / 1e9);
      SpreadTracker spread = index.spread();
      time("update (catch-up, nothing pending)", 10, () -> spread.update());
      time("clusters --since 7d", 20,
          () -> spread.clusters(new SpreadQuery(Duration.ofDays(7), 1, null, 20), now));
      time("clusters --since 30d --min-hosts 5", 20,
          () -> spread.clusters(new SpreadQuery(Duration.ofDays(30), 5, null, 20), now));
    } finally {
      for (String index : List.of("-clusters", "-flagged-000001", "-runs", "-copies-000001")) {
        http.send(HttpRequest.newBuilder(URI.create(url + "/" + prefix + index)).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      }
      if (embedded != null) {
        embedded.stop(Duration.ofMinutes(1));
      }
    }
  }

  interface Call {
    Object run() throws Exception;
  }

  static void time(String name, int rounds, Call call) throws Exception {
    call.run(); // warm-up
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      call.run();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(ms);
    System.out.printf(Locale.ROOT, "%-40s median %.0f ms, p95 %.0f ms (%d runs)%n", name,
        ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), rounds);
  }

  /** Cluster documents like the 1M-item run: heavy-tailed hosts and items, last 60 days. */
  static void load(HttpClient http, String url, String index, int n, Instant now)
      throws Exception {
    Random r = new Random(7);
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int items = (int) Math.min(300, Math.floor(1 / Math.pow(r.nextDouble(), 0.9)));
      int hosts = Math.max(1, items - r.nextInt(items));
      Instant first = now.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
      String id = String.format(Locale.ROOT, "%032x", i);
      StringBuilder daily = new StringBuilder();
      int left = items;
      LocalDate day = LocalDate.ofInstant(first, ZoneOffset.UTC);
      while (left > 0 && !day.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
        int k = Math.max(1, left / 2);
        daily.append(daily.length() == 0 ? "" : ",")
            .append("{\"day\":\"").append(day).append("T00:00:00.000Z\",\"items\":").append(k)
            .append('}');
        left -= k;
        day = day.plusDays(1 + r.nextInt(3));
      }
      bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id)
          .append("\"}}\n{\"id\":\"").append(id).append("\",\"sketch\":[");
      for (int k = 0; k < 8; k++) {
        bulk.append(k == 0 ? "" : ",").append(r.nextLong() & ~1L);
      }
      bulk.append("],\"category\":\"").append(i % 3 == 0 ? "propaganda" : "recruitment")
          .append("\",\"title\":\"t\",\"snippet\":\"generated cluster ").append(i)
          .append("\",\"evidence\":\"e\",\"first_seen\":\"").append(first)
          .append("\",\"first_url\":\"https://h").append(i % 20000).append(".example/p/").append(i)
          .append("\",\"first_host\":\"h").append(i % 20000).append(".example\",\"last_seen\":\"")
          .append(first.plus(Duration.ofHours(r.nextInt(24 * 20)))).append("\",\"items\":")
          .append(items).append(",\"copies\":0,\"hosts\":").append(hosts)
          .append(",\"gone\":0,\"daily\":[").append(daily).append("],\"updated_at\":\"")
          .append(now).append("\"}\n");
      if ((i + 1) % 5000 == 0 || i == n - 1) {
        HttpResponse<String> res = http.send(
            HttpRequest.newBuilder(URI.create(url + "/_bulk?filter_path=errors"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        if (res.body().contains("true")) {
          throw new IllegalStateException("bulk errors: " + res.body());
        }
        bulk.setLength(0);
      }
    }
    http.send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }
}
