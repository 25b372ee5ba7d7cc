package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.model.Categories;
import org.vigil.model.LabeledText;

/** Retraining the default recipe, on tiny stand-ins for its datasets in the shared layout. */
class DefaultRecipeTest {
  @TempDir Path dir;

  @Test
  void retrainsWithExtraSamplesAndMarksTheModelAsTheRecipes() throws Exception {
    Path training = datasets();
    DefaultRecipe recipe =
        DefaultRecipe.read(training, training.resolveSibling("stormfront-dev.tsv"), corpus());
    int tiny = TinyCorpus.samples().size();
    assertThat(recipe.rows()).isEqualTo(TrainingRecipe.SHIPPED.size() * tiny + 20 + tiny);

    LabeledText review =
        new LabeledText("other", "Join our chess club now and sign up before it is too late.");
    DefaultRecipe.Retrained r = recipe.retrain(List.of(review), "adapted");

    assertThat(r.model().version()).startsWith("adapted-");
    assertThat(r.model().properties().get(DefaultRecipe.PROPERTY))
        .isEqualTo("vigil-default + 1 samples (" + recipe.rows() + " rows)");
    assertThat(Integer.parseInt(r.model().properties().get("training.samples")))
        .isGreaterThan(recipe.rows());
    assertThat(DefaultRecipe.trainedBy(r.model())).isTrue();
    assertThat(r.holdout()).isPositive().isLessThan(recipe.rows());
    assertThat(r.before().documents()).isEqualTo(r.holdout());
    assertThat(r.after().documents()).isEqualTo(r.holdout());
  }

  @Test
  void tellsTheRecipesModelsFromOthers() throws Exception {
    assertThat(DefaultRecipe.trainedBy(ExtremismCategorizer.loadDefault().model())).isTrue();
    assertThat(DefaultRecipe.trainedBy(TinyCorpus.model())).isFalse();
  }

  @Test
  void aMissingDatasetIsNamed() throws Exception {
    Path training = datasets();
    Files.delete(training.resolve("hatecheck.tsv"));
    assertThatThrownBy(
            () ->
                DefaultRecipe.read(
                    training, training.resolveSibling("stormfront-dev.tsv"), corpus()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("hatecheck.tsv")
        .hasMessageContaining("not found");
  }

  @Test
  void aMissingCorpusIsNamed() throws Exception {
    Path training = datasets();
    Path missing = dir.resolve("no-corpus");
    assertThatThrownBy(
            () ->
                DefaultRecipe.read(
                    training, training.resolveSibling("stormfront-dev.tsv"), missing))
        .isInstanceOf(ModelException.class)
        .hasMessage(missing + ": corpus not found");
  }

  @Test
  void aMalformedDatasetIsNamed() throws Exception {
    Path training = datasets();
    Files.writeString(
        training.resolve("toxigen_seeds.tsv"), "label\ttext\nextremist\tsome words\n");
    assertThatThrownBy(
            () ->
                DefaultRecipe.read(
                    training, training.resolveSibling("stormfront-dev.tsv"), corpus()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("toxigen_seeds.tsv");
  }

  /** Every dataset of the recipe as a copy of the tiny corpus, and a 20-row Stormfront file. */
  private Path datasets() throws IOException {
    Path training = Files.createDirectories(dir.resolve("datasets").resolve("training"));
    List<LabeledText> tiny = TinyCorpus.samples();
    for (String dataset : TrainingRecipe.SHIPPED.keySet()) {
      List<String> lines = new ArrayList<>(List.of("label\tsource\tid\ttext"));
      for (int i = 0; i < tiny.size(); i++) {
        String label = common(tiny.get(i).label());
        lines.add(label + "\t" + dataset + ":" + label + "\t" + i + "\t" + tiny.get(i).text());
      }
      Files.write(training.resolve(dataset + ".tsv"), lines);
    }
    List<String> stormfront = new ArrayList<>(List.of("label\tid\ttext"));
    for (LabeledText t : tiny) {
      if (t.label().equals("propaganda") || t.label().equals("other")) {
        stormfront.add(
            (t.label().equals("other") ? "noHate" : "hate")
                + "\t"
                + stormfront.size()
                + "\t"
                + t.text());
      }
    }
    Files.write(training.resolveSibling("stormfront-dev.tsv"), stormfront);
    return training;
  }

  private Path corpus() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.copy(TinyCorpus.file(), corpus.resolve("tiny.tsv"));
    return corpus;
  }

  private static String common(String label) {
    return switch (label) {
      case "counter" -> "benign_counter";
      case "reporting" -> "benign_news";
      case "religious" -> "benign_religious";
      case "other" -> "benign_other";
      default -> Categories.isExtremist(label) ? "extremist" : "benign_other";
    };
  }
}
