package org.vigil.indexer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigil.model.Classification;
import org.vigil.model.FlaggedItem;
import org.vigil.model.IndicatorHit;

/** Builds flagged items for tests. */
final class TestItems {
  private TestItems() {}

  /** Indexer options for tests: short retries and flushes, replays only when a test asks. */
  static IndexerOptions fastOptions(Path spool) {
    return IndexerOptions.defaults(spool)
        .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(100))
        .withProbeInterval(Duration.ofHours(1))
        .withFlush(50, 1 << 20, Duration.ofMillis(100));
  }

  static FlaggedItem item(String url, String category, double score, Instant crawledAt) {
    return item(url, category, score, crawledAt, "Join us now. Travel to the camp and fight.");
  }

  static FlaggedItem item(
      String url, String category, double score, Instant crawledAt, String text) {
    Classification c =
        new Classification(
            category,
            score,
            score >= 0.5,
            "en",
            Map.of(category, score, "other", 1 - score),
            List.of(
                new IndicatorHit("call-to-join", "Call to join", "Join us now.", 0.8),
                new IndicatorHit("travel", "Travel", "Travel to the camp and fight.", 0.4)),
            "test-model-1",
            -1);
    return new FlaggedItem(
        FlaggedItem.idFor(url),
        "test-source",
        url,
        url,
        "Title of " + url,
        text,
        "author",
        null,
        crawledAt,
        "hash-" + url.hashCode(),
        url.hashCode() * 31L,
        c);
  }

  static FlaggedItem numbered(int i) {
    return item(
        "https://site" + (i % 7) + ".example.org/page/" + i,
        i % 2 == 0 ? "recruitment" : "propaganda",
        0.5 + (i % 50) / 100.0,
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
  }
}
