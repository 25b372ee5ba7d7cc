package org.vigil.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.vigil.indexer.internal.SpoolStore;

/**
 * The on-disk spool where an {@link ItemIndexer} keeps items Elasticsearch could not take: JSON
 * Lines segments ({@code segment-<n>.jsonl}, the {@link FlaggedItemJson} format) in one directory.
 * These static methods inspect a spool without a live indexer, for {@code vigil status}; {@link
 * ItemIndexer#replaySpool()} empties it.
 */
public final class Spool {
  private Spool() {}

  /**
   * Items waiting in the spool; 0 when the directory does not exist.
   *
   * @throws UncheckedIOException when the spool cannot be read
   */
  public static long size(Path spoolDir) {
    Objects.requireNonNull(spoolDir, "spoolDir");
    try {
      return SpoolStore.countLines(spoolDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spool " + spoolDir + ": " + e.getMessage(), e);
    }
  }

  /** Bytes the spool's segments take on disk; 0 when the directory does not exist. */
  public static long bytes(Path spoolDir) {
    Objects.requireNonNull(spoolDir, "spoolDir");
    try {
      return SpoolStore.countBytes(spoolDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spool " + spoolDir + ": " + e.getMessage(), e);
    }
  }
}
