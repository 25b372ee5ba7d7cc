package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.LabeledText;

class ExtremismTrainerTest {

  @Test
  void trainingIsReproducibleByteForByteWhateverTheInputOrder(@TempDir Path dir) throws Exception {
    List<LabeledText> samples = TinyCorpus.samples();
    List<LabeledText> shuffled = new ArrayList<>(samples);
    Collections.shuffle(shuffled, new Random(7));

    ExtremismModel a = ExtremismTrainer.train(samples, TinyCorpus.options());
    ExtremismModel b = ExtremismTrainer.train(shuffled, TinyCorpus.options());
    a.save(dir.resolve("a.bin"));
    b.save(dir.resolve("b.bin"));

    assertThat(Files.readAllBytes(dir.resolve("a.bin")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b.bin")));
    assertThat(a.version()).isEqualTo(b.version());
  }

  @Test
  void differentDataGivesADifferentVersion() throws Exception {
    List<LabeledText> fewer = TinyCorpus.samples().subList(0, 50);

    ExtremismModel a = ExtremismTrainer.train(TinyCorpus.samples(), TinyCorpus.options());
    ExtremismModel b = ExtremismTrainer.train(fewer, TinyCorpus.options());

    assertThat(a.version()).isNotEqualTo(b.version());
  }

  @Test
  void thresholdIsChosenOnCrossValidatedPredictions() throws Exception {
    TrainingOptions cv = TrainingOptions.defaults().withName("tiny-cv");

    ExtremismModel m = ExtremismTrainer.train(TinyCorpus.samples(), cv);

    assertThat(m.threshold()).isBetween(0.5, 0.99);
    assertThat(m.properties()).containsEntry("threshold", Double.toString(m.threshold()));
    assertThat(m.withThreshold(0.9).threshold()).isEqualTo(0.9);
  }

  @Test
  void modelKnowsItsCategoriesAndCatalogue() throws Exception {
    ExtremismModel m = TinyCorpus.model();

    assertThat(m.categories())
        .containsExactlyInAnyOrder(
            "counter", "other", "propaganda", "recruitment", "religious", "reporting");
    assertThat(m.properties()).containsKey("catalogue.version").containsEntry("name", "tiny");
  }

  @Test
  void rejectsASingleCategory() {
    List<LabeledText> one =
        List.of(
            new LabeledText("other", "hello there friends"),
            new LabeledText("other", "good morning all"));

    assertThatThrownBy(() -> ExtremismTrainer.train(one, TinyCorpus.options()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("at least two categories");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> new TrainingOptions("x", 0, 1, 1, 0, 0.9, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrainingOptions("bad name", 10, 1, 1, 0, 0.9, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrainingOptions("x", 10, 1, 1, 0, 0.9, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
