package org.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs a Vigil command in-process and captures its exit code and output. */
public record Run(int code, String out, String err) {
  /** Runs {@code vigil args} with the given environment. */
  public static Run of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Vigil(env, Clock.systemUTC())
            .execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs {@code vigil args} with only {@code VIGIL_HOME} set. */
  public static Run withHome(java.nio.file.Path home, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HOME", home.toString());
    return of(env, args);
  }

  /** The last line of standard output. */
  public String lastLine() {
    String[] lines = out.strip().split("\\R");
    return lines[lines.length - 1];
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
