package org.vigil.classifier;

/**
 * A data file (TSV) is malformed: missing column, empty file, binary data, short row. The message
 * is one line of the form {@code file:line: problem}.
 *
 * <p>Unchecked because it is thrown while a lazily read {@link java.util.stream.Stream} is
 * consumed.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }

  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
