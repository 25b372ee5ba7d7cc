import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.classifier.EvaluationReport;
import org.vigil.classifier.ExtremismEvaluator;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.TrainingOptions;
import org.vigil.model.LabeledText;

/**
 * k-fold cross-validation of the training corpus with given options.
 * Usage: java -cp CP CrossValidate.java CORPUS_DIR [folds] [iterations] [cutoff] [l2]
 */
public class CrossValidate {
  public static void main(String[] args) throws Exception {
    List<LabeledText> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
        try (Stream<LabeledText> rows = LabeledTextReader.readTsv(f)) {
          rows.forEach(samples::add);
        }
      }
    }
    TrainingOptions d = TrainingOptions.defaults();
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    TrainingOptions o =
        new TrainingOptions(
            "cv",
            args.length > 2 ? Integer.parseInt(args[2]) : d.iterations(),
            args.length > 3 ? Integer.parseInt(args[3]) : d.cutoff(),
            args.length > 4 ? Double.parseDouble(args[4]) : d.l2Cost(),
            folds,
            d.targetPrecision(),
            d.fixedThreshold());
    long t0 = System.nanoTime();
    EvaluationReport r = ExtremismEvaluator.crossValidate(samples, folds, o);
    System.out.println(o);
    System.out.println(r.toText());
    System.out.printf("time: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
