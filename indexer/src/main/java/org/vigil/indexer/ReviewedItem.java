package org.vigil.indexer;

import java.time.Instant;
import org.vigil.model.Verdict;

/**
 * A flagged item an analyst reviewed, with its text, for retraining.
 *
 * @param id the document id
 * @param url the canonical URL
 * @param title the page title, possibly empty
 * @param text the classified text
 * @param category the category the model gave it
 * @param score the model's score
 * @param verdict the analyst's verdict
 * @param note the analyst's note, possibly empty
 * @param reviewer who reviewed it
 * @param reviewedAt when
 */
public record ReviewedItem(
    String id,
    String url,
    String title,
    String text,
    String category,
    double score,
    Verdict verdict,
    String note,
    String reviewer,
    Instant reviewedAt) {}
