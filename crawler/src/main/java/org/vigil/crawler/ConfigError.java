package org.vigil.crawler;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem in a {@code sources.yml} file.
 *
 * @param file the file, or {@code null} for programmatic configuration
 * @param line the 1-based line the problem is on, or 0 when unknown
 * @param field the dotted path of the offending key, e.g. {@code sources[0].max_depth}
 * @param message what is wrong, one line
 */
public record ConfigError(Path file, int line, String field, String message) {
  public ConfigError {
    field = field == null || field.isBlank() ? "(document)" : field;
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
  }

  /** {@code file:line: field: message}. */
  @Override
  public String toString() {
    return (file == null ? "<config>" : file.toString())
        + ":"
        + line
        + ": "
        + field
        + ": "
        + message;
  }
}
