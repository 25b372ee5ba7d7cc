package org.vigil.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.SemanticStage;
import org.vigil.model.Classification;
import org.vigil.semantic.internal.Head;

/** The shipped stage with the shipped model: the pair an analyst turns on with --semantic. */
class SemanticStagesTest {
  @TempDir Path dir;

  @Test
  void theShippedStageIsCalibratedForTheDefaultModelAndFlagsWhatItShould() throws Exception {
    ExtremismCategorizer model = ExtremismCategorizer.loadDefault();
    SemanticStage stage = SemanticStages.loadDefault();
    ExtremismCategorizer cascade = model.withSemanticStage(stage);

    Classification recruiting =
        cascade.categorize(
            "Brothers, the time for talk is over. Join the ranks of the mujahideen, pledge your"
                + " allegiance to the Khilafah and make hijrah now. Message me privately.");
    Classification exitNews =
        cascade.categorize(
            "Officials said the deradicalisation programme has helped forty people leave"
                + " extremist groups since it began. Former members told reporters how mentors"
                + " and their families supported them as they rebuilt their lives.");

    assertThat(stage.calibratedFor()).isEqualTo(model.modelVersion());
    assertThat(stage.screen()).isEqualTo(0.3);
    assertThat(cascade.threshold()).isEqualTo(stage.threshold()).isBetween(0.5, 0.99);
    assertThat(cascade.modelVersion())
        .matches("vigil-default-[0-9a-f]{12}\\+e5-small-v2-q-[0-9a-f]{12}");
    assertThat(recruiting.flagged()).isTrue();
    assertThat(recruiting.modelVersion()).isEqualTo(cascade.modelVersion());
    assertThat(exitNews.flagged()).isFalse();
  }

  @Test
  void aMissingOrWrongHeadFileIsNamedInOneLine() throws Exception {
    Path missing = dir.resolve("missing.bin");
    Path garbage = Files.writeString(dir.resolve("garbage.bin"), "not a head");
    Path minilm =
        Files.write(
            dir.resolve("minilm.bin"),
            new Head("all-minilm-l6-v2-q", "m", 0.3, 0.6, new float[] {1f, 0f}).bytes());

    assertThatThrownBy(() -> SemanticStages.load(missing))
        .isInstanceOf(ModelException.class)
        .hasMessage(missing + ": no such semantic head file");
    assertThatThrownBy(() -> SemanticStages.load(garbage))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith(garbage + ": not a semantic head file");
    assertThatThrownBy(() -> SemanticStages.load(minilm))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            minilm + ": head reads all-minilm-l6-v2-q embeddings; this build has e5-small-v2-q");
  }
}
