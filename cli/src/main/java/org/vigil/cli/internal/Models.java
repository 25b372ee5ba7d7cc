package org.vigil.cli.internal;

import java.nio.file.Path;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.ModelRegistry;
import org.vigil.classifier.SemanticStage;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.semantic.SemanticStages;

/**
 * Which model a command uses: {@code --model}, else the registry's active one, else the default.
 */
public final class Models {
  private Models() {}

  /** The registry under {@code home/models}. */
  public static ModelRegistry registry(Path home) {
    return new ModelRegistry(home.resolve("models"));
  }

  /**
   * The categorizer for {@code modelFile} when given (a wrong file is a usage error, exit 2), else
   * the active registry model, else the default model shipped with the classifier.
   */
  public static ExtremismCategorizer categorizer(Path home, Path modelFile) {
    if (modelFile != null) {
      try {
        return ExtremismCategorizer.load(modelFile);
      } catch (ModelException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    try {
      return registry(home).loadActiveOrDefault();
    } catch (ModelException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
    }
  }

  /**
   * {@code categorizer} with the semantic stage shipped for the default model ({@code --semantic},
   * a source's {@code semantic: true}): a stage calibrated for another model is a usage error (exit
   * 2), a build without the stage a failure (exit 1).
   */
  public static ExtremismCategorizer withSemanticStage(ExtremismCategorizer categorizer) {
    SemanticStage stage;
    try {
      stage = SemanticStages.loadDefault();
    } catch (ModelException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
    }
    try {
      return categorizer.withSemanticStage(stage);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage() + " (the stage is calibrated for the default model)");
    }
  }
}
