package org.vigil.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.cli.internal.Json;

/**
 * The small JSON file a running scheduler keeps up to date for {@code vigil status}: its pid and
 * state, and each source's next due time and last run. Replaced atomically on every change.
 */
public final class StateFile {
  private final Path file;

  public StateFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
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
