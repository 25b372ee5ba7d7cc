package org.vigil.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Vigil;
import org.vigil.model.LabeledText;

/** Reviewed items from the index, as training examples. */
public final class Reviews {
  private Reviews() {}

  /**
   * Reviewed items as labelled texts: confirmed items keep their category, false positives get
   * {@code negativeLabel}; unsure ones are left out.
   */
  public static List<LabeledText> labelledReviews(
      Vigil root, String negativeLabel, PrintWriter err) {
    throw new CliException(
        ExitCodes.FAILED, "reviews need the indexer, not available in this build");
  }
}
