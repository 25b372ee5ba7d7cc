package org.vigil.classifier;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.model.LabeledText;

/** The tiny hand-written training corpus of the tests, and a model trained on it once per JVM. */
final class TinyCorpus {
  private static ExtremismModel model;

  private TinyCorpus() {}

  static Path file() {
    try {
      return Path.of(TinyCorpus.class.getResource("tiny-corpus.tsv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<LabeledText> samples() {
    try (Stream<LabeledText> s = LabeledTextReader.readTsv(file())) {
      return s.toList();
    }
  }

  static TrainingOptions options() {
    return TrainingOptions.defaults().withName("tiny").withoutThresholdSearch();
  }

  static synchronized ExtremismModel model() throws ModelException {
    if (model == null) {
      model = ExtremismTrainer.train(samples(), options());
    }
    return model;
  }
}
