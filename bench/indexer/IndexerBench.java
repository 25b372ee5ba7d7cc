import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.IndexStats;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.ItemIndexer;
import org.vigil.indexer.VigilIndex;
import org.vigil.indexer.internal.Docs;
import org.vigil.model.Classification;
import org.vigil.model.FlaggedItem;
import org.vigil.model.IndicatorHit;

/**
 * Indexes N flagged items (~1 KB of text each) through Vigil's ItemIndexer and, in the same run,
 * the same bulk operations through plain curl _bulk requests of ~7.5 MB; prints docs/s, the ratio
 * and the indexer's peak heap. Usage: java -cp ... IndexerBench.java [url] [items] [rounds]
 */
public class IndexerBench {
  static final String[] WORDS =
      ("the of and to in a is that for it as was with be by on not he this are or his from at "
              + "which but have an they you were her she there one all we their can has been "
              + "join brothers travel camp fight glory martyr cause struggle nation people war "
              + "message channel private support community history report analysis court policy")
          .split(" ");

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:9200";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path work = Files.createTempDirectory("vigil-bench-");
    List<FlaggedItem> items = generate(n);
    System.out.printf(Locale.ROOT, "items: %d, avg text %d chars%n", n,
        items.stream().mapToInt(i -> i.text().length()).sum() / n);
    for (int r = 1; r <= rounds; r++) {
      String curlPrefix = "bench-curl-" + r + "-" + System.nanoTime() % 100000;
      String vigilPrefix = "bench-vigil-" + r + "-" + System.nanoTime() % 100000;
      double curl = curlRun(url, curlPrefix, items, work);
      double vigil = vigilRun(url, vigilPrefix, items, work);
      System.out.printf(Locale.ROOT, "round %d: ratio vigil/curl = %.2f (concurrency %d)%n", r,
          vigil / curl, Integer.getInteger("bench.concurrency", 2));
    }
    try (var files = Files.walk(work)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static List<FlaggedItem> generate(int n) {
    Random random = new Random(42);
    List<FlaggedItem> items = new ArrayList<>(n);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder(1100);
      while (text.length() < 1000) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
      }
      String u = "https://site" + (i % 97) + ".bench.example/thread/" + i;
      double score = 0.5 + random.nextDouble() / 2;
      Classification c =
          new Classification(
              i % 3 == 0 ? "propaganda" : "recruitment",
              score,
              true,
              "en",
              Map.of("recruitment", score, "other", 1 - score),
              List.of(new IndicatorHit("call-to-join", "Call to join", text.substring(0, 80), 0.7)),
              "bench-model",
              -1);
      items.add(
          new FlaggedItem(FlaggedItem.idFor(u), "bench", u, u, "Thread " + i, text.toString(),
              null, null, t0.plusSeconds(i), Integer.toHexString(i), random.nextLong(), c));
    }
    return items;
  }

  static double curlRun(String url, String prefix, List<FlaggedItem> items, Path work)
      throws Exception {
    List<Path> files = new ArrayList<>();
    try (VigilIndex index = VigilIndex.connect(EsSettings.of(url), prefix)) {
      index.setup();
      OutputStream out = null;
      long size = 0;
      Instant now = Instant.now();
      for (FlaggedItem item : items) {
        if (out == null || size >= 7_500_000) {
          if (out != null) {
            out.close();
          }
          Path f = work.resolve(prefix + "-" + files.size() + ".ndjson");
          files.add(f);
          out = Files.newOutputStream(f);
          size = 0;
        }
        byte[] op = Docs.bulkUpdate(index.alias(), item, now); // the very same operations
        out.write(op);
        size += op.length;
      }
      out.close();
      long total = 0;
      for (Path f : files) {
        total += Files.size(f);
      }
      long start = System.nanoTime();
      for (Path f : files) {
        Process p =
            new ProcessBuilder(
                    "curl", "-s", "-XPOST", url + "/_bulk?filter_path=errors",
                    "-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + f)
                .redirectErrorStream(true)
                .start();
        String answer = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !answer.contains("\"errors\":false")) {
          throw new IOException("curl bulk failed: " + answer);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long count = count(url, index);
      System.out.printf(Locale.ROOT,
          "curl : %d docs in %.1f s = %.0f docs/s (%d requests of ~%.1f MB, sequential); count=%d%n",
          items.size(), seconds, items.size() / seconds, files.size(),
          total / 1e6 / files.size(), count);
      drop(url, prefix);
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      return items.size() / seconds;
    }
  }

  static double vigilRun(String url, String prefix, List<FlaggedItem> items, Path work)
      throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (VigilIndex index = VigilIndex.connect(EsSettings.of(url), prefix)) {
      index.setup();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(baseline);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      IndexerOptions options =
          IndexerOptions.defaults(work.resolve(prefix + "-spool"))
              .withFlush(5000, 7_500_000, java.time.Duration.ofSeconds(1))
              .withConcurrency(Integer.getInteger("bench.concurrency", 2));
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      IndexStats stats;
      try (ItemIndexer indexer = index.indexer(options)) {
        for (FlaggedItem item : items) {
          indexer.add(item);
        }
        stats = indexer.finish();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
      sampler.interrupt();
      long count = count(url, index);
      System.out.printf(Locale.ROOT,
          "vigil: %d docs in %.1f s = %.0f docs/s, client CPU %.1f s"
              + " (indexed=%d spooled=%d failed=%d retried=%d);"
              + " count=%d; heap: baseline %.0f MB (items held by the bench), peak %.0f MB,"
              + " indexer's share <= %.0f MB%n",
          items.size(), seconds, items.size() / seconds, cpu, stats.indexed(), stats.spooled(),
          stats.failed(), stats.retried(), count, baseline / 1e6, peak.get() / 1e6,
          (peak.get() - baseline) / 1e6);
      drop(url, prefix);
      return items.size() / seconds;
    }
  }

  static long count(String url, VigilIndex index) throws Exception {
    index.refresh();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url + "/" + index.alias() + "/_count")).build(),
                HttpResponse.BodyHandlers.ofString());
    String body = r.body();
    return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
  }

  static void drop(String url, String prefix) throws Exception {
    // Wildcard deletes are refused by default (action.destructive_requires_name): name them.
    HttpClient http = HttpClient.newHttpClient();
    String names =
        http.send(
                HttpRequest.newBuilder(
                        URI.create(url + "/_cat/indices/" + prefix + "-*?h=index")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body()
            .trim()
            .replaceAll("\\s+", ",");
    List<String> paths = new ArrayList<>();
    if (!names.isEmpty()) {
      paths.add("/" + names);
    }
    paths.add("/_index_template/" + prefix + "-*");
    for (String path : paths) {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(URI.create(url + path)).DELETE().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        System.out.println("cleanup of " + path + " failed: " + r.body());
      }
    }
  }
}
