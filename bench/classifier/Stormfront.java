import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.model.Classification;
import org.vigil.model.LabeledText;

/**
 * Measures the default model on the Stormfront hate-speech dev set (outside the repository):
 * recall on `hate`, false-positive rate on `noHate`. Skips when the file is absent.
 * Usage: java -cp CP Stormfront.java [file] [--show N]   (--show prints N misses per side, for error analysis only)
 */
public class Stormfront {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/stormfront-dev.tsv");
    if (!Files.isRegularFile(file)) {
      System.out.println("SKIP: " + file + " not found");
      return;
    }
    int show = args.length > 2 && args[1].equals("--show") ? Integer.parseInt(args[2]) : 0;
    ExtremismCategorizer c = ExtremismCategorizer.loadDefault();
    Map<String, int[]> counts = new TreeMap<>(); // label -> [n, flagged]
    Map<String, Map<String, Integer>> categories = new TreeMap<>();
    int shownMiss = 0, shownFp = 0;
    try (Stream<LabeledText> rows = LabeledTextReader.readTsv(file, "text", "label")) {
      for (LabeledText row : (Iterable<LabeledText>) rows::iterator) {
        Classification r = c.categorize(row.text());
        int[] k = counts.computeIfAbsent(row.label(), x -> new int[2]);
        k[0]++;
        if (r.flagged()) {
          k[1]++;
        }
        categories.computeIfAbsent(row.label(), x -> new TreeMap<>()).merge(r.category(), 1, Integer::sum);
        if (show > 0 && row.label().equals("hate") && !r.flagged() && shownMiss++ < show) {
          System.out.printf("MISS %.2f %s | %s%n", r.score(), r.category(), row.text());
        }
        if (show > 0 && row.label().equals("noHate") && r.flagged() && shownFp++ < show) {
          System.out.printf("FP   %.2f %s %s | %s%n", r.score(), r.category(), r.indicators().stream().map(h -> h.id()).toList(), row.text());
        }
      }
    }
    int[] hate = counts.getOrDefault("hate", new int[2]);
    int[] no = counts.getOrDefault("noHate", new int[2]);
    double precision = hate[1] + no[1] == 0 ? 1 : (double) hate[1] / (hate[1] + no[1]);
    System.out.printf("model %s, threshold %.2f%n", c.modelVersion(), c.threshold());
    System.out.printf("hate:   %d posts, flagged %d, recall %.3f%n", hate[0], hate[1], (double) hate[1] / Math.max(1, hate[0]));
    System.out.printf("noHate: %d posts, flagged %d, false-positive rate %.3f%n", no[0], no[1], (double) no[1] / Math.max(1, no[0]));
    System.out.printf("flag precision %.3f%n", precision);
    System.out.println("categories by gold label: " + categories);
  }
}
