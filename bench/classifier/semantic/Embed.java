import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.LabeledText;

/**
 * Embeds every row the leave-one-source-out run uses (the recipe's training rows and up to N rows
 * per label of every dataset, as Loso.java samples them) with the quantised all-MiniLM-L6-v2 model
 * (or e5-small-v2 with EMBED=e5), in process. Writes OUT/manifest.tsv (role, dataset, id, source label, common label, hold-out)
 * and OUT/embeddings.bin (per row: dataset, id as UTF, 384 floats).
 * Usage: java -cp CP Embed.java TRAINING_DIR STORMFRONT_TSV CORPUS_DIR OUT_DIR [ROWS_PER_LABEL]
 *    or: java -cp CP Embed.java --tsv TSV OUT_FILE
 */
public class Embed {
  public static void main(String[] a) throws Exception {
    if (a[0].equals("--tsv")) {
      embedTsv(Path.of(a[1]), Path.of(a[2]));
      return;
    }
    Path training = Path.of(a[0]);
    Path out = Path.of(a[3]);
    int cap = a.length > 4 ? Integer.parseInt(a[4]) : 1000;
    Files.createDirectories(out);
    List<Row> pool = TrainingRecipe.shipped(training, Path.of(a[1]), Path.of(a[2]));
    List<Row> eval = new ArrayList<>(TrainingRecipe.readStormfront(Path.of(a[1])));
    try (var files = Files.list(training)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        List<Row> rows = TrainingRecipe.readDataset(f);
        Map<String, Integer> caps = new TreeMap<>();
        rows.forEach(r -> caps.put(r.commonLabel(), cap));
        eval.addAll(TrainingRecipe.sample(rows, caps));
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("manifest.tsv")))) {
      for (Row r : pool) {
        w.println(line("pool", r, TrainingRecipe.heldOut(r)));
      }
      for (Row r : eval) {
        w.println(line("eval", r, false));
      }
    }
    EmbeddingModel model = model(System.getenv().getOrDefault("EMBED", "minilm"));
    Set<String> seen = new HashSet<>();
    long t0 = System.nanoTime();
    int n = 0;
    try (DataOutputStream o =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out.resolve("embeddings.bin").toFile())))) {
      List<Row> batch = new ArrayList<>();
      List<Row> all = new ArrayList<>(pool);
      all.addAll(eval);
      for (Row r : all) {
        if (seen.add(r.dataset() + "\t" + r.id())) {
          batch.add(r);
        }
        if (batch.size() == 64) {
          n += write(model, batch, o);
        }
      }
      n += write(model, batch, o);
    }
    System.err.printf("%d rows embedded, %.0f rows/s%n", n, n / ((System.nanoTime() - t0) / 1e9));
  }

  /**
   * The {@code text} column of a TSV with a header (ids in the first column), in this file's
   * format with the file's name as the dataset: the real web text of webtext.sh, for webtext.py.
   */
  static void embedTsv(Path tsv, Path out) throws Exception {
    EmbeddingModel model = model(System.getenv().getOrDefault("EMBED", "minilm"));
    List<String> lines = Files.readAllLines(tsv);
    int text = List.of(lines.get(0).split("\t")).indexOf("text");
    List<Row> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split("\t", -1);
      rows.add(new Row(tsv.getFileName().toString(), "", "", f[0], new LabeledText("other", f[text])));
    }
    try (DataOutputStream o =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out.toFile())))) {
      for (int i = 0; i < rows.size(); i += 64) {
        write(model, new ArrayList<>(rows.subList(i, Math.min(rows.size(), i + 64))), o);
      }
    }
  }

  /** minilm: quantised all-MiniLM-L6-v2; e5: quantised e5-small-v2 (its texts need "query: "). */
  static EmbeddingModel model(String name) throws ReflectiveOperationException {
    prefix = name.equals("e5") ? "query: " : "";
    String type =
        name.equals("e5")
            ? "dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel"
            : "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel";
    return (EmbeddingModel) Class.forName(type).getConstructor().newInstance();
  }

  static String prefix = "";

  static String line(String role, Row r, boolean heldOut) {
    return String.join("\t", role, r.dataset(), r.id(), r.sourceLabel(), r.commonLabel(), "" + heldOut);
  }

  static int write(EmbeddingModel m, List<Row> batch, DataOutputStream o)
      throws IOException {
    int n = batch.size();
    if (n > 0) {
      var embeddings = m.embedAll(batch.stream().map(r -> TextSegment.from(prefix + r.sample().text())).toList()).content();
      for (int i = 0; i < n; i++) {
        o.writeUTF(batch.get(i).dataset());
        o.writeUTF(batch.get(i).id());
        for (float f : embeddings.get(i).vector()) {
          o.writeFloat(f);
        }
      }
      batch.clear();
    }
    return n;
  }
}
