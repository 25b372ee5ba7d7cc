package org.vigil.classifier;

/**
 * A model could not be loaded, trained or saved. The message is one line and names the file or the
 * problem, e.g. {@code model.bin: not a Vigil extremism model}.
 */
public class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
