package org.vigil.cli;

/** The exit codes of every Vigil command (see docs/CLI.md). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** Runtime failure: Elasticsearch unreachable without spool, I/O error, and so on. */
  public static final int FAILED = 1;

  /** Usage or configuration error: bad flag, invalid sources.yml, bad input file. */
  public static final int USAGE = 2;

  /** Finished, but some documents failed (recorded as failures or spooled). */
  public static final int PARTIAL = 3;

  /** The footer every command's {@code --help} ends with. */
  public static final String HELP_FOOTER =
      "%nExit codes: 0 ok, 1 failed, 2 usage or configuration error,"
          + " 3 finished but some documents failed.";

  private ExitCodes() {}
}
