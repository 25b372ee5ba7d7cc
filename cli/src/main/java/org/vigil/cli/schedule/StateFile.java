package org.vigil.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.cli.internal.Json;

/**
 * The small JSON file a running scheduler keeps up to date for {@code vigil status}: its pid and
 * state, each source's next due time and last run, and a running crawl's progress. Replaced
 * atomically on every change, and while crawls run at most every {@link #PROGRESS_EVERY}.
 */
public final class StateFile {
  /** How often a running crawl's progress reaches the file, at most. */
  public static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /** A running crawl's counts so far. */
  public record Progress(long fetched, long queued, long failed) {}

  private final Path file;
  private final Map<String, Progress> progress = new ConcurrentHashMap<>();
  private volatile long lastProgressWrite;

  public StateFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /**
   * Records a running crawl's progress and writes the state when the last progress write is {@link
   * #PROGRESS_EVERY} ago (crawl threads call this often; most calls only record).
   */
  public void progress(String sourceId, Progress p, Scheduler scheduler, Path config) {
    progress.put(sourceId, p);
    long now = System.nanoTime();
    if (now - lastProgressWrite >= PROGRESS_EVERY.toNanos()) {
      lastProgressWrite = now;
      write(scheduler, config);
    }
  }

  /** Writes the scheduler's current state. */
  public synchronized void write(Scheduler scheduler, Path config) {
    Map<String, Object> root = Json.object();
    root.put("pid", ProcessHandle.current().pid());
    root.put("state", scheduler.state());
    root.put("updated", Instant.now().toString());
    root.put("config", config == null ? null : config.toAbsolutePath().toString());
    List<Map<String, Object>> sources = new ArrayList<>();
    for (Scheduler.SourceState s : scheduler.sources()) {
      Map<String, Object> m = Json.object();
      m.put("id", s.id());
      m.put("schedule", s.schedule());
      m.put("timezone", s.timezone());
      m.put("next_due", Json.time(s.nextDue()));
      m.put("running", s.running());
      m.put("last_started", Json.time(s.lastStarted()));
      m.put("last_finished", Json.time(s.lastFinished()));
      m.put("last_outcome", s.lastOutcome());
      Progress p = s.running() ? progress.get(s.id()) : null;
      if (!s.running()) {
        progress.remove(s.id()); // the next run starts from zero
      }
      m.put("progress", p);
      sources.add(m);
    }
    root.put("sources", sources);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Json.line(root) + "\n");
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The last written state, if any. */
  public Optional<JsonNode> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readTree(Files.readString(file)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
