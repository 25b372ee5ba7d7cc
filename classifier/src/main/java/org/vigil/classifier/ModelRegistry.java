package org.vigil.classifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of model versions with one active model, used by {@code vigil model
 * list|promote|rollback} and {@code vigil train --from-reviews}.
 *
 * <p>Layout: {@code <dir>/<version>/model.bin}, {@code <dir>/<version>/metrics.json} (optional),
 * {@code <dir>/<version>/registered} (ISO instant), {@code <dir>/active} (the active version) and
 * {@code <dir>/history} (previously active versions, one per line, newest last; {@value #PACKAGED}
 * when the packaged default model was in use). Files are replaced atomically. Not safe for
 * concurrent writers in several processes.
 */
public final class ModelRegistry {
  private static final String MODEL = "model.bin";
  private static final String METRICS = "metrics.json";
  private static final String REGISTERED = "registered";
  private static final String ACTIVE = "active";
  private static final String HISTORY = "history";

  /** The history's entry for "no registered model active": the packaged default model. */
  private static final String PACKAGED = "packaged-default";

  private final Path dir;

  /**
   * One registered model.
   *
   * @param id the version id (the model's {@link ExtremismModel#version()})
   * @param modelFile the model file
   * @param registered when it was registered
   * @param active whether it is the active model
   * @param metricsJson the evaluation report registered with it, or an empty string
   */
  public record Entry(
      String id, Path modelFile, Instant registered, boolean active, String metricsJson) {}

  /** A registry in {@code dir} (created on first registration). */
  public ModelRegistry(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  public Path directory() {
    return dir;
  }

  /** All registered models, oldest first. */
  public List<Entry> list() throws ModelException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String active = activeId().orElse("");
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> Files.isRegularFile(p.resolve(MODEL))).toList()) {
        String id = p.getFileName().toString();
        out.add(entry(id, id.equals(active)));
      }
    } catch (IOException e) {
      throw new ModelException(dir + ": cannot list models: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Entry::registered).thenComparing(Entry::id));
    return out;
  }

  /**
   * Stores a model (and its evaluation, may be {@code null}) and returns its version id.
   * Registering the same model again returns the same id and changes nothing.
   */
  public String register(ExtremismModel model, EvaluationReport metrics) throws ModelException {
    Objects.requireNonNull(model, "model");
    String id = model.version();
    Path d = dir.resolve(id);
    try {
      if (Files.isRegularFile(d.resolve(MODEL))) {
        return id;
      }
      Files.createDirectories(d);
      if (metrics != null) {
        write(d.resolve(METRICS), metrics.toJson());
      }
      write(d.resolve(REGISTERED), Instant.now().toString());
      model.save(d.resolve(MODEL));
      return id;
    } catch (IOException e) {
      throw new ModelException(d + ": cannot register model: " + e.getMessage(), e);
    }
  }

  /**
   * Makes {@code id} the active model; the previously active one can be restored by {@link
   * #rollback()}.
   */
  public void promote(String id) throws ModelException {
    Objects.requireNonNull(id, "id");
    if (!Files.isRegularFile(dir.resolve(id).resolve(MODEL))) {
      throw new ModelException(dir + ": no model with id '" + id + "'");
    }
    Optional<String> current = activeId();
    if (current.isPresent() && current.get().equals(id)) {
      return;
    }
    try {
      List<String> history = new ArrayList<>(history());
      history.add(current.orElse(PACKAGED));
      write(dir.resolve(HISTORY), String.join("\n", history) + "\n");
      write(dir.resolve(ACTIVE), id);
    } catch (IOException e) {
      throw new ModelException(dir + ": cannot promote '" + id + "': " + e.getMessage(), e);
    }
  }

  /**
   * Re-activates the previously active model and returns its id: the packaged default model's
   * version when no registered model was active before (the first promotion can be undone too).
   *
   * @throws ModelException when there is no previous model
   */
  public String rollback() throws ModelException {
    try {
      List<String> history = new ArrayList<>(history());
      if (history.isEmpty()) {
        throw new ModelException(dir + ": no previous model to roll back to");
      }
      String previous = history.remove(history.size() - 1);
      write(dir.resolve(HISTORY), history.isEmpty() ? "" : String.join("\n", history) + "\n");
      if (previous.equals(PACKAGED)) {
        Files.deleteIfExists(dir.resolve(ACTIVE));
        return ExtremismCategorizer.loadDefault().modelVersion();
      }
      write(dir.resolve(ACTIVE), previous);
      return previous;
    } catch (IOException e) {
      throw new ModelException(dir + ": cannot roll back: " + e.getMessage(), e);
    }
  }

  /** The active model, if one was promoted. */
  public Optional<Entry> active() throws ModelException {
    Optional<String> id = activeId();
    return id.isEmpty() ? Optional.empty() : Optional.of(entry(id.get(), true));
  }

  /** A categorizer for the active model, or the default model when none is active. */
  public ExtremismCategorizer loadActiveOrDefault() throws ModelException {
    Optional<Entry> a = active();
    return a.isPresent()
        ? ExtremismCategorizer.load(a.get().modelFile())
        : ExtremismCategorizer.loadDefault();
  }

  private Entry entry(String id, boolean active) throws ModelException {
    Path d = dir.resolve(id);
    try {
      Instant registered =
          Files.exists(d.resolve(REGISTERED))
              ? Instant.parse(Files.readString(d.resolve(REGISTERED)).strip())
              : Files.getLastModifiedTime(d.resolve(MODEL)).toInstant();
      String metrics = Files.exists(d.resolve(METRICS)) ? Files.readString(d.resolve(METRICS)) : "";
      return new Entry(id, d.resolve(MODEL), registered, active, metrics);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new ModelException(d + ": unreadable registry entry: " + e.getMessage(), e);
    }
  }

  private Optional<String> activeId() throws ModelException {
    Path a = dir.resolve(ACTIVE);
    try {
      if (!Files.exists(a)) {
        return Optional.empty();
      }
      String id = Files.readString(a).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      throw new ModelException(a + ": cannot read: " + e.getMessage(), e);
    }
  }

  private List<String> history() throws IOException {
    Path h = dir.resolve(HISTORY);
    if (!Files.exists(h)) {
      return List.of();
    }
    return Files.readAllLines(h).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
