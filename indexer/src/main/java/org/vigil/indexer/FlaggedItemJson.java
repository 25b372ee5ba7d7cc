package org.vigil.indexer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.vigil.indexer.internal.Json;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;

/**
 * The JSON Lines form of {@link FlaggedItem}: one JSON object per line, the record's components by
 * name (instants as ISO-8601). {@code vigil index --input items.jsonl} reads it and the spool
 * stores it. A line may start with {@code "op":"clear"}: the spool's form of {@link
 * ItemIndexer#clear} (an item no longer flagged); {@link #readOperations} reports it, {@link #read}
 * and {@link #fromJson} ignore it. A spool line {@code "op":"gone"} (no item: the spool's form of
 * {@link ItemIndexer#markGone}) is handed to the {@link GoneConsumer} of {@link #readOperations};
 * {@link #read} skips it.
 */
public final class FlaggedItemJson {
  private FlaggedItemJson() {}

  /** Receives items read from a file. */
  @FunctionalInterface
  public interface ItemConsumer {
    void accept(FlaggedItem item) throws IndexerException;
  }

  /** Receives an operation read from a file: an item to add, or one to clear. */
  @FunctionalInterface
  public interface OperationConsumer {
    void accept(FlaggedItem item, boolean clear) throws IndexerException;
  }

  /** Receives a gone mark read from a file (a spool line {@code "op":"gone"}). */
  @FunctionalInterface
  public interface GoneConsumer {
    void accept(GonePage page) throws IndexerException;
  }

  /** One line of JSON (no newline). */
  public static String toJson(FlaggedItem item) {
    return Json.item(Objects.requireNonNull(item, "item"));
  }

  /** Parses one line; a bad line yields a one-line message saying which field is wrong. */
  public static FlaggedItem fromJson(String line) throws IndexerException {
    Objects.requireNonNull(line, "line");
    try {
      return Json.parseItem(line);
    } catch (IllegalArgumentException e) {
      throw new IndexerException("invalid item: " + e.getMessage());
    } catch (NullPointerException e) {
      throw new IndexerException("invalid item: missing field '" + e.getMessage() + "'");
    }
  }

  /**
   * Reads a JSONL file, handing each item to {@code consumer}; blank lines are skipped.
   *
   * @return the number of items read
   * @throws IndexerException naming {@code file:line} for the first bad line or an I/O error
   */
  public static long read(Path file, ItemConsumer consumer) throws IndexerException {
    Objects.requireNonNull(consumer, "consumer");
    long[] items = {0};
    readOperations(
        file,
        (item, clear) -> {
          consumer.accept(item);
          items[0]++;
        },
        page -> {}); // a gone mark has no item
    return items[0];
  }

  /**
   * Reads a JSONL file (or a spool segment), handing each item with whether its line is a clear
   * ({@code "op":"clear"}), and each gone mark ({@code "op":"gone"}) to {@code gone}; blank lines
   * are skipped.
   *
   * @return the number of lines read
   * @throws IndexerException naming {@code file:line} for the first bad line or an I/O error
   */
  public static long readOperations(Path file, OperationConsumer consumer, GoneConsumer gone)
      throws IndexerException {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(gone, "gone");
    long count = 0;
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Json.SpoolEntry entry;
        try {
          entry = Json.parseSpoolLine(line);
        } catch (IllegalArgumentException e) {
          throw new IndexerException(file + ":" + lineNo + ": invalid item: " + e.getMessage());
        } catch (NullPointerException e) {
          throw new IndexerException(
              file + ":" + lineNo + ": invalid item: missing field '" + e.getMessage() + "'");
        }
        if (entry.gone() != null) {
          gone.accept(entry.gone());
          count++;
          continue;
        }
        if (entry.copy() != null) {
          count++; // a verbatim copy (spool only) carries no item
          continue;
        }
        if (entry.clear() && entry.item().classification().flagged()) {
          throw new IndexerException(
              file + ":" + lineNo + ": a clear of an item whose classification is flagged");
        }
        consumer.accept(entry.item(), entry.clear());
        count++;
      }
    } catch (NoSuchFileException e) {
      throw new IndexerException(file + ": no such file");
    } catch (IOException e) {
      throw new IndexerException(file + ": cannot read: " + e.getMessage(), e);
    }
    return count;
  }

  /** Writes items to a JSONL file (replacing it). */
  public static void write(Path file, Iterable<FlaggedItem> items) throws IndexerException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (FlaggedItem item : items) {
        out.write(toJson(item));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new IndexerException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
