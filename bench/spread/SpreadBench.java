import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vigil.crawler.internal.Fingerprints;
import org.vigil.indexer.internal.spread.ClusterEngine;
import org.vigil.indexer.internal.spread.Sketch;

/**
 * The clustering engine of spread tracking, in process, on generated ground truth: N items from
 * families of one original text each (sizes 1..300, heavy-tailed), every member a variant of the
 * original on one of H hosts: word edits, reordered or dropped sentences, quoted inside a longer
 * page, wrapped in its host's boilerplate. Items arrive in a random order (families interleaved).
 *
 * <p>Runs Vigil's engine (sampled 3-shingle sketches, containment) and, on the same items, the
 * baseline of the SimHash the crawler already stores (the page's 64-bit SimHash, a member joins
 * the first cluster whose founder is within Hamming distance 3, found through the four 16-bit
 * bands). Prints pairwise precision/recall of each, items/s to assign (sketch + assign, generation
 * excluded), the engine's memory, and the ratio of the two throughputs.
 *
 * <p>Usage: java -cp ... SpreadBench.java [items] [hosts] [seed]
 */
public class SpreadBench {
  static final int VOCAB = 30_000;
  static String[] words;
  static double[] cumulative;

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    vocabulary(seed);
    // Families: heavy-tailed sizes until n items.
    Random r = new Random(seed);
    List<Integer> sizes = new ArrayList<>();
    int total = 0;
    while (total < n) {
      int size = Math.min(n - total, (int) Math.min(300, Math.floor(1 / Math.pow(r.nextDouble(), 0.9))));
      sizes.add(size);
      total += size;
    }
    int[] family = new int[n];
    int[] member = new int[n];
    int k = 0;
    for (int f = 0; f < sizes.size(); f++) {
      for (int m = 0; m < sizes.get(f); m++) {
        family[k] = f;
        member[k++] = m;
      }
    }
    for (int i = n - 1; i > 0; i--) { // arrival order: families interleaved
      int j = r.nextInt(i + 1);
      int t = family[i]; family[i] = family[j]; family[j] = t;
      t = member[i]; member[i] = member[j]; member[j] = t;
    }
    String[] boilerplate = new String[hosts];
    for (int h = 0; h < hosts; h++) {
      Random hr = new Random(seed * 31 + h);
      boilerplate[h] = sentence(hr, 4 + hr.nextInt(12)) + "|" + sentence(hr, 4 + hr.nextInt(16));
    }
    System.out.printf(Locale.ROOT, "items %,d in %,d families (%,d singletons), %,d hosts%n",
        n, sizes.size(), sizes.stream().filter(s -> s == 1).count(), hosts);

    ClusterEngine engine = new ClusterEngine();
    SimhashBaseline baseline = new SimhashBaseline();
    int[] vigil = new int[n];
    int[] simhash = new int[n];
    long vigilNanos = 0;
    long simhashNanos = 0;
    long chars = 0;
    long maxAssign = 0;
    for (int i = 0; i < n; i++) {
      String text = item(seed, family[i], member[i], boilerplate, hosts);
      chars += text.length();
      long t0 = System.nanoTime();
      long[] sketch = Sketch.of(text);
      vigil[i] = engine.assign(sketch).cluster();
      long t1 = System.nanoTime();
      simhash[i] = baseline.assign(Fingerprints.simhash(text));
      long t2 = System.nanoTime();
      vigilNanos += t1 - t0;
      simhashNanos += t2 - t1;
      maxAssign = Math.max(maxAssign, t1 - t0);
      if ((i + 1) % 250_000 == 0) {
        System.out.printf(Locale.ROOT, "  %,d items: %,d clusters, %.0f items/s%n", i + 1,
            engine.size(), (i + 1) / (vigilNanos / 1e9));
      }
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(Locale.ROOT, "avg text %d chars%n", chars / n);
    report("vigil (sketch + containment)", family, vigil, vigilNanos, n);
    if (Boolean.getBoolean("bench.diagnose")) {
      diagnose(seed, family, member, vigil, boilerplate, hosts);
    }
    report("simhash baseline (Hamming <= 3)", family, simhash, simhashNanos, n);
    System.out.printf(Locale.ROOT, "vigil engine: %,d clusters, ~%.0f MB in its arrays;"
        + " heap after GC %.0f MB (includes the bench's own arrays); slowest assign %.1f ms%n",
        engine.size(), engine.bytes() / 1e6, heap / 1e6, maxAssign / 1e6);
    System.out.printf(Locale.ROOT, "throughput ratio vigil/simhash-baseline = %.2f%n",
        (double) simhashNanos / vigilNanos);
  }

  static void report(String name, int[] truth, int[] predicted, long nanos, int n) {
    // Pairwise precision/recall from the contingency table (family, cluster).
    Map<Long, Integer> cells = new HashMap<>();
    Map<Integer, Integer> byCluster = new HashMap<>();
    Map<Integer, Integer> byFamily = new HashMap<>();
    for (int i = 0; i < n; i++) {
      cells.merge(((long) truth[i] << 32) | predicted[i], 1, Integer::sum);
      byCluster.merge(predicted[i], 1, Integer::sum);
      byFamily.merge(truth[i], 1, Integer::sum);
    }
    double tp = pairs(cells.values());
    double predictedPairs = pairs(byCluster.values());
    double truePairs = pairs(byFamily.values());
    System.out.printf(Locale.ROOT,
        "%-34s precision %.4f recall %.4f  clusters %,d (families %,d)  %.0f items/s%n",
        name, tp / predictedPairs, tp / truePairs, byCluster.size(), byFamily.size(),
        n / (nanos / 1e9));
  }

  /** Prints a few items that the engine put in another family's cluster. */
  static void diagnose(long seed, int[] family, int[] member, int[] predicted, String[] bp, int hosts) {
    Map<Integer, Integer> firstFamily = new HashMap<>();
    Map<Integer, Integer> firstItem = new HashMap<>();
    int shown = 0;
    for (int i = 0; i < family.length && shown < 6; i++) {
      Integer f = firstFamily.putIfAbsent(predicted[i], family[i]);
      firstItem.putIfAbsent(predicted[i], i);
      if (f != null && f != family[i]) {
        int j = firstItem.get(predicted[i]);
        String a = item(seed, family[j], member[j], bp, hosts);
        String b = item(seed, family[i], member[i], bp, hosts);
        System.out.printf("MERGE shared=%d |a|=%d |b|=%d%n  A: %s%n  B: %s%n",
            Sketch.shared(Sketch.of(a), Sketch.of(b)), Sketch.of(a).length, Sketch.of(b).length, a, b);
        shown++;
      }
    }
  }

  static double pairs(Iterable<Integer> counts) {
    double s = 0;
    for (int c : counts) {
      s += (double) c * (c - 1) / 2;
    }
    return s;
  }

  /** Pseudo-words with a Zipf-like frequency (stock phrases recur, as in real text). */
  static void vocabulary(long seed) {
    Random r = new Random(seed);
    words = new String[VOCAB];
    cumulative = new double[VOCAB];
    String letters = "etaoinshrdlucmfwypvbgkjqxz";
    double sum = 0;
    for (int i = 0; i < VOCAB; i++) {
      StringBuilder w = new StringBuilder();
      int len = 2 + r.nextInt(8);
      for (int c = 0; c < len; c++) {
        w.append(letters.charAt(Math.min(25, (int) (-Math.log(1 - r.nextDouble()) * 6))));
      }
      words[i] = w.toString();
      sum += 1.0 / (i + 10);
      cumulative[i] = sum;
    }
    for (int i = 0; i < VOCAB; i++) {
      cumulative[i] /= sum;
    }
  }

  static String word(Random r) {
    int i = Arrays.binarySearch(cumulative, r.nextDouble());
    return words[Math.min(VOCAB - 1, i < 0 ? -i - 1 : i)];
  }

  static String sentence(Random r, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(i == 0 ? "" : " ").append(word(r));
    }
    return s.append('.').toString();
  }

  /** Member {@code m} of family {@code f}: a variant of the family's original, deterministic. */
  static String item(long seed, int f, int m, String[] boilerplate, int hosts) {
    Random fr = new Random(seed * 1_000_003L + f);
    int sentences = 5 + fr.nextInt(6);
    List<String> original = new ArrayList<>();
    for (int s = 0; s < sentences; s++) {
      original.add(sentence(fr, 8 + fr.nextInt(11)));
    }
    int host = fr.nextInt(hosts); // the family's home host; members spread from there
    Random mr = new Random(seed * 7_000_001L + f * 1_000_003L + m);
    if (m > 0) {
      host = mr.nextInt(hosts);
    }
    List<String> text = new ArrayList<>(original);
    if (m > 0) {
      if (mr.nextDouble() < 0.6) { // small edits: ~5% of words replaced, inserted or deleted
        for (int s = 0; s < text.size(); s++) {
          String[] ws = text.get(s).split(" ");
          StringBuilder b = new StringBuilder();
          for (String w : ws) {
            double p = mr.nextDouble();
            if (p < 0.017) {
              continue;
            } else if (p < 0.034) {
              b.append(word(mr)).append(' ');
            } else if (p < 0.05) {
              b.append(word(mr)).append(' ');
            }
            b.append(w).append(' ');
          }
          text.set(s, b.toString().strip());
        }
      }
      if (mr.nextDouble() < 0.4) { // reordered sentences
        for (int swap = 0; swap < 2; swap++) {
          int a = mr.nextInt(text.size());
          int b = mr.nextInt(text.size());
          String t = text.get(a);
          text.set(a, text.get(b));
          text.set(b, t);
        }
      }
      if (mr.nextDouble() < 0.2 && text.size() > 5) { // one sentence left out
        text.remove(mr.nextInt(text.size()));
      }
      if (mr.nextDouble() < 0.25) { // quoted inside a longer page of other text
        int before = mr.nextInt(12);
        int after = mr.nextInt(12);
        for (int s = 0; s < before; s++) {
          text.add(0, sentence(mr, 8 + mr.nextInt(11)));
        }
        for (int s = 0; s < after; s++) {
          text.add(sentence(mr, 8 + mr.nextInt(11)));
        }
      }
    }
    String[] bp = boilerplate[host].split("\\|");
    return bp[0] + "\n\n" + String.join(" ", text) + "\n\n" + bp[1];
  }

  /** Clusters by the page SimHash: founders indexed by their four 16-bit bands. */
  static final class SimhashBaseline {
    private final Map<Integer, List<Integer>> bands = new HashMap<>();
    private final List<Long> founders = new ArrayList<>();

    int assign(long simhash) {
      for (int b = 0; b < 4; b++) {
        List<Integer> candidates = bands.get(key(simhash, b));
        if (candidates != null) {
          for (int c : candidates) {
            if (Long.bitCount(founders.get(c) ^ simhash) <= 3) {
              return c;
            }
          }
        }
      }
      int c = founders.size();
      founders.add(simhash);
      for (int b = 0; b < 4; b++) {
        bands.computeIfAbsent(key(simhash, b), x -> new ArrayList<>(2)).add(c);
      }
      return c;
    }

    private static int key(long simhash, int band) {
      return (band << 16) | (int) ((simhash >>> (16 * band)) & 0xffff);
    }
  }
}
