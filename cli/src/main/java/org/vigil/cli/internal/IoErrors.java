package org.vigil.cli.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vigil.cli.CliException;
import org.vigil.cli.Vigil;

/**
 * What is wrong with an input file, in words: Java's file exceptions carry only the file name as
 * their message ({@code NoSuchFileException: missing.html}), which reads as no reason at all.
 */
public final class IoErrors {
  private IoErrors() {}

  /** {@code no such file}, {@code permission denied}, the file system's reason, or the message. */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return Vigil.oneLine(e);
  }

  /**
   * Checks that {@code file}, given with {@code option}, is a readable regular file.
   *
   * @throws CliException exit 2, e.g. {@code --input items.jsonl: no such file}
   */
  public static void requireReadableFile(Path file, String option) {
    String problem = null;
    if (!Files.exists(file)) {
      problem = "no such file";
    } else if (Files.isDirectory(file)) {
      problem = "is a directory, expected a file";
    } else if (!Files.isReadable(file)) {
      problem = "permission denied";
    }
    if (problem != null) {
      throw CliException.usage(option + " " + file + ": " + problem);
    }
  }
}
