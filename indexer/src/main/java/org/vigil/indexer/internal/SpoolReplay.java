package org.vigil.indexer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.IndexerOptions;
import org.vigil.indexer.UnsupportedServerException;
import org.vigil.model.FlaggedItem;

/**
 * Replays a {@link BulkEngine}'s spool segments: checks that the cluster is back (and is still one
 * Vigil supports), then reads a segment's lines, rebuilds their operations and sends them in chunks
 * no larger than a flush, deleting the segment once every item of it is acknowledged (or failed
 * permanently). Which segments to replay, and when, is the engine's: it rotates the spool and hands
 * over the closed segments oldest first, one replay at a time.
 */
final class SpoolReplay {
  // the engine's log category, so existing log settings keep applying
  private static final Logger LOG = LoggerFactory.getLogger(BulkEngine.class);

  private final EsConnection es;
  private final String index;
  private final String copiesIndex;
  private final IndexerOptions options;
  private final SpoolStore spool;
  private final Object spoolLock;
  private final BulkSender sender;
  private final BulkCounters counters;

  /**
   * A replay of {@code spool}, which callers guard with {@code spoolLock} (the spool is not
   * thread-safe and the engine keeps appending to it); {@code copiesIndex} may be null.
   */
  SpoolReplay(
      EsConnection es,
      String index,
      String copiesIndex,
      IndexerOptions options,
      SpoolStore spool,
      Object spoolLock,
      BulkSender sender,
      BulkCounters counters) {
    this.es = es;
    this.index = index;
    this.copiesIndex = copiesIndex;
    this.options = options;
    this.spool = spool;
    this.spoolLock = spoolLock;
    this.sender = sender;
    this.counters = counters;
  }

  /**
   * Returns when the cluster answers and is supported.
   *
   * @throws IndexerException saying why not, otherwise
   */
  void checkAvailable() throws IndexerException {
    String down = probe();
    if (down != null) {
      throw new IndexerException(
          "cannot replay spool "
              + spool.dir()
              + ": Elasticsearch at "
              + es.settings().urlList()
              + " is unavailable ("
              + down
              + ")");
    }
  }

  /** Null when the cluster answers a health request and is supported, else why not. */
  private String probe() {
    try {
      JsonNode health = es.json("GET", "/_cluster/health?timeout=5s", null);
      String status = health.path("status").asText();
      if ("red".equals(status)) {
        return "cluster health is red";
      }
      // What came back at the URL may not be what was there before: never replay into it then.
      ServerCheck.version(es);
      return null;
    } catch (UnsupportedServerException e) {
      return e.getMessage();
    } catch (IOException e) {
      return es.describe(e);
    }
  }

  /**
   * Sends the items of a closed segment, in order, and deletes it.
   *
   * @return the items replayed
   * @throws IndexerException when the segment cannot be read or Elasticsearch keeps rejecting
   */
  long replay(Path segment) throws IndexerException {
    List<BulkOp> chunk = new ArrayList<>();
    long[] bytes = {0};
    long[] count = {0};
    long[] lines = {0};
    try {
      SpoolStore.readLines(
          segment,
          line -> {
            if (line.isBlank()) {
              return;
            }
            lines[0]++;
            Json.SpoolEntry spooled;
            try {
              spooled = Json.parseSpoolLine(line);
            } catch (RuntimeException e) {
              LOG.warn("skipping unreadable line in spool segment {}: {}", segment, e.getMessage());
              return;
            }
            FlaggedItem item = spooled.item();
            BulkOp entry =
                spooled.gone() != null
                    ? BulkOp.gone(index, spooled.gone())
                    : spooled.copy() != null
                        ? BulkOp.copy(copiesIndex, spooled.copy())
                        : BulkOp.of(index, item, spooled.clear());
            chunk.add(entry);
            if (spooled.gone() != null && copiesIndex != null) {
              chunk.add(BulkOp.copyGone(copiesIndex, spooled.gone()));
            }
            bytes[0] += entry.op().length;
            count[0]++;
            if (chunk.size() >= options.flushCount() || bytes[0] >= options.flushBytes()) {
              sendChunk(segment, chunk);
              chunk.clear();
              bytes[0] = 0;
            }
          });
      if (!chunk.isEmpty()) {
        sendChunk(segment, chunk);
      }
      synchronized (spoolLock) {
        spool.delete(segment, lines[0]);
      }
    } catch (ReplayStopped e) {
      throw new IndexerException(e.getMessage());
    } catch (IOException e) {
      throw new IndexerException("cannot replay spool segment " + segment + ": " + e, e);
    }
    counters.replayed.addAndGet(count[0]);
    LOG.info("replayed {} items from {}", count[0], segment.getFileName());
    return count[0];
  }

  private void sendChunk(Path segment, List<BulkOp> chunk) throws ReplayStopped {
    List<BulkOp> left = sender.send(new ArrayList<>(chunk));
    if (!left.isEmpty()) {
      throw new ReplayStopped(
          "replay of "
              + segment
              + " stopped: Elasticsearch at "
              + es.settings().urlList()
              + " keeps failing ("
              + sender.lastReason()
              + ")");
    }
  }

  /** Ends the read of a segment from inside its line consumer, which may throw only this. */
  private static final class ReplayStopped extends IOException {
    private static final long serialVersionUID = 1L;

    ReplayStopped(String message) {
      super(message);
    }
  }
}
