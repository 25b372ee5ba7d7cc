import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.internal.Tokenizer;
import org.vigil.model.LabeledText;

/**
 * Single-thread throughput (docs/s on one core) of the default ExtremismCategorizer on 1 KB and 10 KB
 * texts built from the project corpus, compared in the same run with a bare OpenNLP
 * DocumentCategorizerME (default bag-of-words features, whitespace tokens) trained on the same corpus,
 * and the cost of the pipeline parts (sentence detection, tokenizers).
 * Usage: java -cp CP Throughput.java CORPUS_DIR [seconds-per-measurement]
 */
public class Throughput {
  static volatile Object sink;

  public static void main(String[] args) throws Exception {
    List<LabeledText> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        try (Stream<LabeledText> rows = LabeledTextReader.readTsv(f)) {
          rows.forEach(samples::add);
        }
      }
    }
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    List<String> kb1 = texts(samples, 1024, 200);
    List<String> kb10 = texts(samples, 10240, 50);

    ExtremismCategorizer vigil = ExtremismCategorizer.loadDefault();
    List<DocumentSample> docs = new ArrayList<>();
    for (LabeledText s : samples) {
      docs.add(new DocumentSample(s.label(), WhitespaceTokenizer.INSTANCE.tokenize(s.text())));
    }
    TrainingParameters p = TrainingParameters.defaultParams();
    p.put(TrainingParameters.CUTOFF_PARAM, 2);
    DoccatModel bare =
        DocumentCategorizerME.train(
            "en", ObjectStreamUtils.createObjectStream(docs), p,
            new DoccatFactory(new FeatureGenerator[] {new BagOfWordsFeatureGenerator()}));
    DocumentCategorizerME bareMe = new DocumentCategorizerME(bare);
    SentenceDetectorME sent =
        new SentenceDetectorME(new SentenceModel(Throughput.class.getResourceAsStream("/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")));
    TokenizerME tokME =
        new TokenizerME(new TokenizerModel(Throughput.class.getResourceAsStream("/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")));

    System.out.printf(Locale.ROOT, "%-44s %12s %12s%n", "docs/s on one thread", "1 KB", "10 KB");
    row("ExtremismCategorizer (full pipeline)", kb1, kb10, seconds, t -> vigil.categorize(t));
    row("bare DocumentCategorizerME (bag of words)", kb1, kb10, seconds,
        t -> bareMe.categorize(WhitespaceTokenizer.INSTANCE.tokenize(t)));
    row("  part: SentenceDetectorME", kb1, kb10, seconds, t -> sent.sentDetect(t));
    row("  part: TokenizerME", kb1, kb10, seconds, t -> tokME.tokenize(t));
    row("  part: SimpleTokenizer", kb1, kb10, seconds, t -> SimpleTokenizer.INSTANCE.tokenize(t));
    row("  part: Vigil Tokenizer", kb1, kb10, seconds, t -> Tokenizer.tokenize(t));
    System.out.println("cores available: " + Runtime.getRuntime().availableProcessors()
        + ", load average: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  interface Task { Object run(String text); }

  static void row(String name, List<String> kb1, List<String> kb10, double seconds, Task task) {
    double a = measure(kb1, seconds, task);
    double b = measure(kb10, seconds, task);
    System.out.printf(Locale.ROOT, "%-44s %12.0f %12.0f%n", name, a, b);
  }

  /** Warm up for `seconds`, then count documents for `seconds`; CPU time of this thread, so other load does not count. */
  static double measure(List<String> texts, double seconds, Task task) {
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    int i = 0;
    while (System.nanoTime() < end) {
      sink = task.run(texts.get(i++ % texts.size()));
    }
    long cpu0 = bean.getCurrentThreadCpuTime();
    end = System.nanoTime() + (long) (seconds * 1e9);
    int n = 0;
    while (System.nanoTime() < end) {
      sink = task.run(texts.get(n++ % texts.size()));
    }
    return n / ((bean.getCurrentThreadCpuTime() - cpu0) / 1e9);
  }

  /** Texts of about `size` characters: consecutive corpus rows (all categories mixed), paragraphs separated by blank lines. */
  static List<String> texts(List<LabeledText> samples, int size, int count) {
    List<String> out = new ArrayList<>();
    int j = 0;
    for (int k = 0; k < count; k++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < size) {
        sb.append(samples.get((j * 7919) % samples.size()).text()).append("\n\n");
        j++;
      }
      out.add(sb.substring(0, size));
    }
    return out;
  }
}
