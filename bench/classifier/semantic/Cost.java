import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.SemanticStage;
import org.vigil.semantic.SemanticStages;

/**
 * What the opt-in semantic stage costs: the texts of a TSV's {@code text} column classified with
 * the default model alone and with the stage, in one run; prints the share of passages that reach
 * the stage and the process CPU time (ONNX Runtime runs on its own threads) per embedded passage.
 * Usage: java -cp $(semantic/classpath.sh) Cost.java TSV [ROUNDS]
 */
public class Cost {
  /** Counts what the stage is asked to score. */
  record Counting(SemanticStage stage, AtomicLong texts) implements SemanticStage {
    public double[] score(List<String> t) {
      texts.addAndGet(t.size());
      return stage.score(t);
    }

    public double screen() {
      return stage.screen();
    }

    public double threshold() {
      return stage.threshold();
    }

    public String calibratedFor() {
      return stage.calibratedFor();
    }

    public String version() {
      return stage.version();
    }
  }

  public static void main(String[] a) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(a[0]));
    int column = List.of(lines.get(0).split("\t")).indexOf("text");
    List<String> texts = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      texts.add(l.split("\t", -1)[column]);
    }
    int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 1;
    ExtremismCategorizer plain = ExtremismCategorizer.loadDefault();
    Counting counting = new Counting(SemanticStages.loadDefault(), new AtomicLong());
    ExtremismCategorizer cascade = plain.withSemanticStage(counting);
    cascade.categorize(texts.get(0)); // loads the embedding model (~1 s), not counted
    plain.categorize(texts.get(0));
    counting.texts().set(0);
    double[] plainCpu = run(plain, texts, rounds);
    double[] cascadeCpu = run(cascade, texts, rounds);
    long embedded = counting.texts().get() / rounds;
    System.out.printf(Locale.ROOT, "%d texts (%s), %d round(s); passages embedded: %d (%.2f per text)%n",
        texts.size(), a[0], rounds, embedded, (double) embedded / texts.size());
    System.out.printf(Locale.ROOT, "model alone: %.2f ms CPU / %.2f ms wall per text%n",
        plainCpu[0] / texts.size(), plainCpu[1] / texts.size());
    System.out.printf(Locale.ROOT, "with the stage: %.2f ms CPU / %.2f ms wall per text;"
        + " %.1f ms CPU / %.1f ms wall per embedded passage%n",
        cascadeCpu[0] / texts.size(), cascadeCpu[1] / texts.size(),
        (cascadeCpu[0] - plainCpu[0]) / Math.max(1, embedded),
        (cascadeCpu[1] - plainCpu[1]) / Math.max(1, embedded));
  }

  /** Process CPU and wall milliseconds per round of classifying every text once. */
  static double[] run(ExtremismCategorizer c, List<String> texts, int rounds) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (String t : texts) {
        c.categorize(t);
      }
    }
    return new double[] {(os.getProcessCpuTime() - cpu) / 1e6 / rounds, (System.nanoTime() - wall) / 1e6 / rounds};
  }
}
