package org.vigil.crawler.extract;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.vigil.crawler.extract.internal.MiniJson;

/**
 * Benchmark on the article-extraction dataset (outside the repository): quality (shingle F1,
 * precision, recall) and speed (pages/s) of Vigil's extractor and of plain {@code
 * Jsoup.parse(html).text()} as the baseline, in the same run.
 *
 * <p>Usage: {@code ExtractionBench DATASET_DIR [--worst N] [--dump OUT_DIR]}; DATASET_DIR holds
 * {@code ground-truth.json} and {@code html/<key>.html}. Not a test: run by {@code
 * bench/extract/run.sh}.
 */
public final class ExtractionBench {
  private ExtractionBench() {}

  record Page(String key, String url, String truth, byte[] html) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ExtractionBench DATASET_DIR [--worst N] [--dump OUT_DIR]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int worst = 10;
    Path dump = null;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--worst" -> worst = Integer.parseInt(args[i + 1]);
        case "--dump" -> dump = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Page> pages = load(dir);

    List<ShingleMetric.Counts> vigil = new ArrayList<>();
    List<ShingleMetric.Counts> base = new ArrayList<>();
    List<Object[]> perPage = new ArrayList<>();
    for (Page p : pages) {
      String text;
      try {
        text = Extractor.extract(p.html(), null, p.url()).text();
      } catch (RuntimeException e) {
        System.err.println(p.key() + ": " + e);
        text = "";
      }
      String plain = Jsoup.parse(new String(p.html(), StandardCharsets.UTF_8), p.url()).text();
      ShingleMetric.Counts c = ShingleMetric.match(p.truth(), text);
      vigil.add(c);
      base.add(ShingleMetric.match(p.truth(), plain));
      perPage.add(new Object[] {p, c});
      if (dump != null) {
        Files.createDirectories(dump);
        Files.writeString(dump.resolve(p.key() + ".txt"), text);
      }
    }
    perPage.sort(Comparator.comparingDouble(o -> f1((ShingleMetric.Counts) o[1])));
    System.out.printf("worst pages (key, P, R, url):%n");
    for (int i = 0; i < Math.min(worst, perPage.size()); i++) {
      Page p = (Page) perPage.get(i)[0];
      ShingleMetric.Counts c = (ShingleMetric.Counts) perPage.get(i)[1];
      System.out.printf(
          "  %s  P=%.3f R=%.3f  %s%n",
          p.key().substring(0, 12), c.precision(), c.recall(), p.url());
    }
    double[] rates = rates(pages);
    double vigilRate = rates[0];
    double jsoupRate = rates[1];
    report("vigil", ShingleMetric.score(vigil), vigilRate, rates[2]);
    report("jsoup-text", ShingleMetric.score(base), jsoupRate, rates[3]);
    System.out.printf(
        "pages: %d, speed ratio vigil/jsoup: %.2f (CPU time), %.2f (wall time)%n",
        pages.size(), vigilRate / jsoupRate, rates[2] / rates[3]);
  }

  private static double f1(ShingleMetric.Counts c) {
    double p = c.precision();
    double r = c.recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static void report(String name, ShingleMetric.Score s, double rate, double wallRate) {
    System.out.printf(
        "%-11s F1=%.3f  precision=%.3f  recall=%.3f  pages/cpu-s=%.1f  pages/s=%.1f%n",
        name, s.f1(), s.precision(), s.recall(), rate, wallRate);
  }

  /**
   * Pages per CPU-second of both extractors (single thread): one warm-up round each, then {@code
   * ROUNDS} timed rounds of each, interleaved; the best round counts.
   */
  private static double[] rates(List<Page> pages) {
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] bestWall = {Long.MAX_VALUE, Long.MAX_VALUE};
    for (int r = 0; r <= ROUNDS; r++) {
      for (int which = 0; which < 2; which++) {
        long w0 = System.nanoTime();
        long t0 = CPU.getCurrentThreadCpuTime();
        long sink = round(pages, which == 0);
        long t = CPU.getCurrentThreadCpuTime() - t0;
        long w = System.nanoTime() - w0;
        if (r > 0) {
          best[which] = Math.min(best[which], t);
          bestWall[which] = Math.min(bestWall[which], w);
        }
        if (sink == 42) {
          System.out.print("");
        }
      }
    }
    return new double[] {
      pages.size() / (best[0] / 1e9),
      pages.size() / (best[1] / 1e9),
      pages.size() / (bestWall[0] / 1e9),
      pages.size() / (bestWall[1] / 1e9)
    };
  }

  private static final int ROUNDS = 5;

  /** CPU time of this thread: the machine is shared, so wall time would measure the neighbours. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static long round(List<Page> pages, boolean vigil) {
    long sink = 0;
    for (Page p : pages) {
      if (vigil) {
        try {
          sink += Extractor.extract(p.html(), null, p.url()).text().length();
        } catch (RuntimeException e) {
          sink++;
        }
      } else {
        sink += Jsoup.parse(new String(p.html(), StandardCharsets.UTF_8), p.url()).text().length();
      }
    }
    return sink;
  }

  private static List<Page> load(Path dir) throws IOException {
    Object json = MiniJson.parse(Files.readString(dir.resolve("ground-truth.json")));
    if (!(json instanceof Map<?, ?> map)) {
      throw new IOException(dir.resolve("ground-truth.json") + ": not a JSON object");
    }
    List<Page> pages = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = (String) e.getKey();
      Map<?, ?> v = (Map<?, ?>) e.getValue();
      Path html = dir.resolve("html").resolve(key + ".html");
      pages.add(
          new Page(
              key, (String) v.get("url"), (String) v.get("articleBody"), Files.readAllBytes(html)));
    }
    pages.sort(Comparator.comparing(Page::key));
    return pages;
  }
}
