package org.vigil.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.vigil.classifier.internal.DefaultModelBuilder;
import org.vigil.classifier.internal.TrainingRecipe;
import org.vigil.model.LabeledText;

/**
 * The default model's training recipe (docs/model-card.md): the real public datasets it samples,
 * the project corpus, and how its flag threshold is chosen. The datasets are not distributed with
 * Vigil; with a copy of them an installation can retrain the default model with more samples, such
 * as analyst reviews, and keep what the real data taught it (the corpus alone gives a much weaker
 * model on real text).
 */
public final class DefaultRecipe {
  /** The model property that says a model was trained by this recipe, and with what added. */
  public static final String PROPERTY = "training.recipe";

  private final List<TrainingRecipe.Row> rows;

  private DefaultRecipe(List<TrainingRecipe.Row> rows) {
    this.rows = rows;
  }

  /**
   * Reads the recipe's rows.
   *
   * @param trainingDir the datasets, one {@code label source id text} TSV per dataset
   * @param stormfront the Stormfront dev set ({@code label id text})
   * @param corpusDir the project corpus ({@code label text} TSV files)
   * @throws ModelException with a one-line message naming the file that is missing or malformed
   */
  public static DefaultRecipe read(Path trainingDir, Path stormfront, Path corpusDir)
      throws ModelException {
    Objects.requireNonNull(trainingDir, "trainingDir");
    Objects.requireNonNull(stormfront, "stormfront");
    Objects.requireNonNull(corpusDir, "corpusDir");
    try {
      return new DefaultRecipe(TrainingRecipe.shipped(trainingDir, stormfront, corpusDir));
    } catch (IOException
        | UncheckedIOException
        | IllegalArgumentException
        | DataFormatException e) {
      throw new ModelException(e.getMessage(), e);
    }
  }

  /** Whether {@code model} was trained by this recipe (the default model, or one retrained). */
  public static boolean trainedBy(ExtremismModel model) {
    return DefaultModelBuilder.NAME.equals(model.properties().get("name"))
        || model.properties().containsKey(PROPERTY);
  }

  /** The rows the recipe takes from its datasets and the corpus. */
  public int rows() {
    return rows.size();
  }

  /**
   * A model retrained by the recipe with {@code extra} samples added to its training (never to its
   * hold-out), and the recipe's hold-out evaluated without and with them, each at the threshold the
   * recipe's rule picks.
   *
   * @param before the recipe alone on its hold-out (the default model's numbers on the same data)
   * @param after the recipe with the extra samples on the same hold-out
   */
  public record Retrained(
      ExtremismModel model, EvaluationReport before, EvaluationReport after, int holdout) {}

  /**
   * Trains the recipe twice on its training split (without and with {@code extra}) to compare them
   * on its hold-out, then the model on every row plus {@code extra}. Deterministic; three trainings
   * on every row, minutes on two cores.
   *
   * @param name the model name (its version prefix)
   * @throws ModelException when training fails
   */
  public Retrained retrain(List<LabeledText> extra, String name) throws ModelException {
    Objects.requireNonNull(extra, "extra");
    try {
      DefaultModelBuilder.Holdout before = DefaultModelBuilder.holdout(rows, List.of(), name);
      DefaultModelBuilder.Built after = DefaultModelBuilder.build(rows, extra, name);
      String added =
          DefaultModelBuilder.NAME + " + " + extra.size() + " samples (" + rows.size() + " rows)";
      return new Retrained(
          new ExtremismModel(after.model().withProperty(PROPERTY, added)),
          before.report(),
          after.holdout().report(),
          before.predictions().size());
    } catch (IOException | RuntimeException e) {
      throw new ModelException("training failed: " + e.getMessage(), e);
    }
  }
}
