package org.vigil.indexer.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.indexer.IndexerException;

/**
 * The on-disk spool: append-only JSON Lines segments ({@code segment-<seq>.jsonl}) in one
 * directory, one item per line. Each process appends to a fresh segment, so a line torn by a crash
 * can only be the last line of a segment that nobody appends to any more; readers drop such a line
 * (it was never reported durable: {@link #sync()} had not returned for it). A {@code spool.lock}
 * file lock keeps two processes from using one spool at the same time.
 *
 * <p>Not thread-safe; callers synchronize.
 */
public final class SpoolStore implements AutoCloseable {
  static final String PREFIX = "segment-";
  static final String SUFFIX = ".jsonl";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private long nextSeq;
  private Path currentPath;
  private FileChannel current;
  private long currentLines;
  private long pending;
  private boolean dirty;

  private SpoolStore(Path dir, FileChannel lockChannel, FileLock lock, long nextSeq, long pending) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.nextSeq = nextSeq;
    this.pending = pending;
  }

  /** Opens (creating) the spool in {@code dir} and locks it for this process. */
  public static SpoolStore open(Path dir) throws IndexerException {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IndexerException(
            "spool " + dir + " is in use by another indexer (spool.lock is held)");
      }
      long max = 0;
      for (Path segment : segments(dir)) {
        max = Math.max(max, seqOf(segment));
      }
      return new SpoolStore(dir, channel, lock, max + 1, countLines(dir));
    } catch (IOException e) {
      throw new IndexerException("cannot open spool " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Items waiting in the spool (complete lines). */
  public long pending() {
    return pending;
  }

  /** Appends lines (each ending with a newline); durable only after {@link #sync()}. */
  public void append(List<byte[]> lines) throws IOException {
    if (current == null) {
      currentPath = dir.resolve(String.format("%s%020d%s", PREFIX, nextSeq++, SUFFIX));
      current =
          FileChannel.open(
              currentPath,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      // The new file's directory entry must survive a crash too.
      syncDir();
    }
    ByteBuffer[] buffers = new ByteBuffer[lines.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = ByteBuffer.wrap(lines.get(i));
    }
    long remaining = 0;
    for (ByteBuffer b : buffers) {
      remaining += b.remaining();
    }
    while (remaining > 0) {
      remaining -= current.write(buffers);
    }
    currentLines += lines.size();
    pending += lines.size();
    dirty = true;
  }

  /** Forces appended lines to disk. */
  public void sync() throws IOException {
    if (current != null && dirty) {
      current.force(false);
      dirty = false;
    }
  }

  /**
   * Closes the segment being appended to (new appends start another) and returns every closed
   * segment, oldest first: the ones a replay may read and delete.
   */
  public List<Path> rotate() throws IOException {
    if (current != null) {
      sync();
      current.close();
      current = null;
      currentPath = null;
      currentLines = 0;
    }
    return segments(dir);
  }

  /** Deletes a replayed segment. */
  public void delete(Path segment, long lines) throws IOException {
    Files.deleteIfExists(segment);
    pending = Math.max(0, pending - lines);
  }

  /**
   * Reads the complete lines of a segment; a last line without its newline (torn by a crash) is
   * dropped.
   */
  public static void readLines(Path segment, LineConsumer consumer) throws IOException {
    try (InputStream raw = Files.newInputStream(segment)) {
      // Count the final newline to know whether the last line is complete.
      long size = Files.size(segment);
      boolean complete = size == 0 || endsWithNewline(segment, size);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
      String line = in.readLine();
      while (line != null) {
        String next = in.readLine();
        if (next != null || complete) {
          consumer.accept(line);
        }
        line = next;
      }
    }
  }

  /** Receives a line read from a segment. */
  @FunctionalInterface
  public interface LineConsumer {
    void accept(String line) throws IOException;
  }

  private static boolean endsWithNewline(Path segment, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      return last.get(0) == '\n';
    }
  }

  /** The segments in {@code dir}, oldest first. */
  public static List<Path> segments(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(
          files
              .filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
                  })
              .sorted()
              .toList());
    }
  }

  /** Complete lines in all segments of {@code dir}. */
  public static long countLines(Path dir) throws IOException {
    long count = 0;
    for (Path segment : segments(dir)) {
      long[] n = {0};
      readLines(segment, line -> n[0] += line.isBlank() ? 0 : 1);
      count += n[0];
    }
    return count;
  }

  /** Bytes in all segments of {@code dir}. */
  public static long countBytes(Path dir) throws IOException {
    long bytes = 0;
    for (Path segment : segments(dir)) {
      bytes += Files.size(segment);
    }
    return bytes;
  }

  private static long seqOf(Path segment) {
    String n = segment.getFileName().toString();
    try {
      return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void syncDir() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // some file systems cannot sync a directory; the file's own fsync still applies
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (current != null) {
        sync();
        current.close();
        current = null;
      }
    } finally {
      lock.release();
      lockChannel.close();
    }
  }
}
