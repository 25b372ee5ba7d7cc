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

  /**
   * Options or arguments that are wrong in themselves (a value out of range, options that do not go
   * together), found by the command rather than by the parser: exit 2, and like a parser error the
   * message is followed by where the command's help is.
   */
  public static CliException badArguments(String message) {
    return new BadArguments(message);
  }

  /** The {@link #badArguments} variant. */
  public static final class BadArguments extends CliException {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(ExitCodes.USAGE, message);
    }
  }

  /** A runtime failure (exit 1). */
  public static CliException failed(String message, Throwable cause) {
    return new CliException(ExitCodes.FAILED, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
