package org.vigil.crawler;

import java.util.List;
import java.util.Objects;

/**
 * An invalid {@code sources.yml}; the message is the first error, {@code file:line: field:
 * problem}.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  /** An exception for the given errors (at least one); the message is the first of them. */
  public ConfigException(List<ConfigError> errors) {
    super(first(errors).toString());
    this.errors = List.copyOf(errors);
  }

  /** An exception for a single error. */
  public ConfigException(ConfigError error) {
    this(List.of(error));
  }

  private static ConfigError first(List<ConfigError> errors) {
    Objects.requireNonNull(errors, "errors");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    return errors.get(0);
  }

  /** The first error (the one the message shows). */
  public ConfigError error() {
    return errors.get(0);
  }

  /** Every error found. */
  public List<ConfigError> errors() {
    return errors;
  }
}
