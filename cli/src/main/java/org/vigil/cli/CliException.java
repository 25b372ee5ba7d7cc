package org.vigil.cli;

/**
 * A command failure with its exit code and a one-line message for the user. Thrown anywhere inside
 * a command; {@link Vigil} prints the message to stderr and exits with the code.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A usage or input error (exit 2). */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** A runtime failure (exit 1). */
  public static CliException failed(String message, Throwable cause) {
    return new CliException(ExitCodes.FAILED, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
