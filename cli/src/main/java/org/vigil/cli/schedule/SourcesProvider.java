package org.vigil.cli.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vigil.model.Source;

/** Where the scheduler gets its sources from, and how it notices that they changed. */
public interface SourcesProvider {
  /** Loads and validates the sources; throws with a one-line reason when the config is invalid. */
  List<Source> load() throws Exception;

  /** Something that changes whenever the config may have changed (e.g. file mtime and size). */
  String fingerprint();

  /** The fingerprint of a file: its modification time and size, or "missing". */
  static String fileFingerprint(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
    } catch (IOException e) {
      return "missing";
    }
  }
}
