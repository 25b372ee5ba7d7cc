package org.vigil.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.classifier.internal.ModelData;

/**
 * A trained extremism model: maxent parameters, the indicator catalogue it was trained with, the
 * flag threshold and descriptive properties. Immutable. Saving the same model twice gives the same
 * bytes; the {@link #version()} is derived from them.
 */
public final class ExtremismModel {
  private final ModelData data;

  ExtremismModel(ModelData data) {
    this.data = data;
  }

  ModelData data() {
    return data;
  }

  /**
   * Reads a model file.
   *
   * @throws ModelException with a one-line message naming the file when it is missing, not a model
   *     or corrupt
   */
  public static ExtremismModel load(Path file) throws ModelException {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelException(file + ": model file not found");
    } catch (IOException e) {
      throw new ModelException(file + ": cannot read model: " + e.getMessage(), e);
    }
    return fromBytes(bytes, file.toString());
  }

  static ExtremismModel fromBytes(byte[] bytes, String source) throws ModelException {
    try {
      return new ExtremismModel(ModelData.read(bytes));
    } catch (IOException e) {
      throw new ModelException(source + ": " + e.getMessage(), e);
    }
  }

  /** Writes the model to {@code file} (atomically: a temporary file is moved into place). */
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, data.bytes());
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The serialised model (what {@link #save} writes). */
  public byte[] toBytes() {
    return data.bytes();
  }

  /** The version id: model name plus the first 12 hex digits of the SHA-256 of its bytes. */
  public String version() {
    return data.version();
  }

  /** The flag threshold on P(recruitment) + P(propaganda). */
  public double threshold() {
    return data.threshold();
  }

  /** The categories the model scores. */
  public List<String> categories() {
    return data.categories();
  }

  /** Descriptive properties (name, training parameters, catalogue version, …), sorted by key. */
  public Map<String, String> properties() {
    return data.properties();
  }

  /**
   * A copy of this model with another flag threshold (a new version).
   *
   * @throws IllegalArgumentException when {@code threshold} is not in (0, 1)
   */
  public ExtremismModel withThreshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
    }
    try {
      return new ExtremismModel(data.withThreshold(threshold));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "ExtremismModel[" + version() + ", threshold=" + threshold() + "]";
  }
}
