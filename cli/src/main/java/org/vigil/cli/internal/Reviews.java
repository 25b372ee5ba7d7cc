package org.vigil.cli.internal;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Vigil;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.ReviewedItem;
import org.vigil.indexer.VigilIndex;
import org.vigil.model.LabeledText;
import org.vigil.model.Verdict;

/** Reviewed items from the index, as training examples. */
public final class Reviews {
  private Reviews() {}

  /**
   * Reviewed items as labelled texts: confirmed items keep their category, false positives get
   * {@code negativeLabel}; unsure ones and items without text are left out.
   */
  public static List<LabeledText> labelledReviews(
      Vigil root, String negativeLabel, PrintWriter err) {
    List<LabeledText> out = new ArrayList<>();
    try (VigilIndex index = Es.connect(root, err);
        Stream<ReviewedItem> items = index.reviewedItems()) {
      items.forEach(
          item -> {
            LabeledText t = toLabeled(item, negativeLabel);
            if (t != null) {
              out.add(t);
            }
          });
    } catch (IndexerException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.FAILED, "reading reviews: " + e.getMessage(), e);
    }
    return out;
  }

  /** One reviewed item as a training example, or {@code null} when it teaches nothing. */
  static LabeledText toLabeled(ReviewedItem item, String negativeLabel) {
    if (item.text() == null || item.text().isBlank()) {
      return null;
    }
    if (item.verdict() == Verdict.FALSE_POSITIVE) {
      return new LabeledText(negativeLabel, item.text());
    }
    if (item.verdict() == Verdict.CONFIRMED
        && item.category() != null
        && !item.category().isBlank()) {
      return new LabeledText(item.category(), item.text());
    }
    return null;
  }
}
