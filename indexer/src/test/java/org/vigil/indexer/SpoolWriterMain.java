package org.vigil.indexer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child-process entry point of {@link SpoolKillTest}: indexes numbered items against an unreachable
 * cluster (so they go to the spool) and prints {@code durable N} after each checkpoint, until
 * killed. Bounded: stops by itself after 200,000 items.
 */
public final class SpoolWriterMain {
  private SpoolWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path spool = Path.of(args[0]);
    String deadUrl = args[1];
    IndexerOptions options =
        IndexerOptions.defaults(spool)
            .withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1))
            .withProbeInterval(Duration.ofHours(1))
            .withFlush(20, 1 << 20, Duration.ofMillis(50));
    try (VigilIndex index = VigilIndex.open(EsSettings.of(deadUrl), "tkill");
        ItemIndexer indexer = index.indexer(options)) {
      for (int i = 0; i < 200_000; i++) {
        indexer.add(TestItems.numbered(i));
        if (i % 25 == 24) {
          indexer.checkpoint();
          System.out.println("durable " + (i + 1));
          System.out.flush();
        }
      }
    }
  }
}
