package org.vigil.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vigil.cli.Vigil;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the commands: output writers and the root's settings. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Standard output (picocli's writer, so in-process tests can read it). */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error. */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The root command with the environment, clock and global options. */
  Vigil root() {
    return (Vigil) spec.root().userObject();
  }
}
