import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.model.Classification;

/**
 * Quality of the default model on four kinds of text, in one run: the team's challenge set (share
 * flagged per kind), word-salad pages like the crawl benchmark's generated pages (share flagged;
 * the generator below is the one of crawler/.../bench/BenchSite.java), and optionally a directory
 * of real news pages as plain text (one .txt per page, e.g. `vigil extract --json` output split by
 * file) and the Stormfront dev set (hate recall, noHate false-positive rate). The real data lives
 * outside the repository and is never copied into it.
 *
 * <p>Usage: java -cp CP Quality.java CHALLENGE.tsv [--salad N] [--news DIR] [--stormfront FILE] [--threshold T]
 */
public class Quality {
  private static final String[] WORDS =
      ("the of and to in is that for it as was with be by on not he this are or his from at which but"
              + " have an they you were her she there been one all we their has would when if so no will can"
              + " more other who some what them about into time only could new year people these two may first"
              + " then do any like my now over such our man me even most made after also did many before must"
              + " through back years where much your way well down should because each just those how too"
              + " little state good very make world still own see men work long get here between both life being"
              + " under never day same another know while last might us great old off come since against go came"
              + " right used take three community report analysis policy court council region network support")
          .split(" ");

  /** The screen of the semantic stage shipped for the default model (opt-in; model card). */
  static final double SCREEN = 0.30;

  public static void main(String[] args) throws Exception {
    ExtremismCategorizer c = ExtremismCategorizer.loadDefault();
    int salad = 200;
    Path news = null;
    Path stormfront = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--salad" -> salad = Integer.parseInt(args[++i]);
        case "--news" -> news = Path.of(args[++i]);
        case "--stormfront" -> stormfront = Path.of(args[++i]);
        case "--threshold" -> // another operating point of the same model
            c = new ExtremismCategorizer(c.model().withThreshold(Double.parseDouble(args[++i])));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf("model %s, threshold %.2f%n", c.modelVersion(), c.threshold());
    challenge(c, Path.of(args[0]));
    int flagged = 0;
    int[] screened = new int[2];
    for (int i = 0; i < salad; i++) {
      String page = saladPage(i);
      flagged += c.categorize(page).flagged() ? 1 : 0;
      for (String paragraph : page.split("\n\n")) {
        screened[0]++;
        screened[1] += c.categorize(paragraph).score() >= SCREEN ? 1 : 0;
      }
    }
    System.out.printf("word salad: %d/%d pages flagged (%.3f); paragraphs a semantic screen at %.2f would"
        + " embed: %d/%d (%.3f)%n", flagged, salad, (double) flagged / salad, SCREEN, screened[1], screened[0],
        (double) screened[1] / screened[0]);
    if (news != null) {
      List<Path> files;
      try (Stream<Path> s = Files.list(news)) {
        files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      }
      int n = 0;
      for (Path f : files) {
        Classification r = c.categorize(Files.readString(f, StandardCharsets.UTF_8));
        if (r.flagged()) {
          n++;
          System.out.printf("  news flagged %s %.2f %s %s%n", f.getFileName(), r.score(), r.category(),
              r.indicators().stream().map(h -> h.id()).toList());
        }
      }
      System.out.printf("news pages: %d/%d flagged%n", n, files.size());
    }
    if (stormfront != null) {
      int[] hate = new int[2];
      int[] no = new int[2];
      List<String> lines = Files.readAllLines(stormfront, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t", 3);
        int[] k = f[0].equals("hate") ? hate : no;
        k[0]++;
        k[1] += c.categorize(f[2]).flagged() ? 1 : 0;
      }
      System.out.printf("stormfront: hate recall %.3f (%d/%d), noHate FPR %.3f (%d/%d)%n",
          (double) hate[1] / hate[0], hate[1], hate[0], (double) no[1] / no[0], no[1], no[0]);
    }
  }

  static void challenge(ExtremismCategorizer c, Path file) throws Exception {
    Map<String, int[]> byKind = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", 3);
      Classification r = c.categorize(f[2]);
      int[] k = byKind.computeIfAbsent(f[0], x -> new int[2]);
      k[0]++;
      k[1] += r.flagged() ? 1 : 0;
    }
    byKind.forEach((kind, k) -> System.out.printf("challenge %-18s %2d/%d flagged%n", kind, k[1], k[0]));
  }

  /** The body text of BenchSite page {@code i}: paragraphs of 60 random common words. */
  static String saladPage(int i) {
    Random random = new Random(i * 7919L + 17);
    StringBuilder text = new StringBuilder();
    int chars = 0;
    while (chars < 5000) {
      StringBuilder p = new StringBuilder();
      for (int w = 0; w < 60; w++) {
        p.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
      }
      text.append(p).append("\n\n");
      chars += p.length();
    }
    return text.toString();
  }
}
