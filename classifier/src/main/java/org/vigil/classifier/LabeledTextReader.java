package org.vigil.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.vigil.model.LabeledText;

/**
 * Reads tab-separated files with a header row, lazily: rows are parsed as the stream is consumed,
 * so files of any length are read in constant memory. Close the stream (try-with-resources) to
 * close the file. No quoting: fields must not contain tabs or newlines.
 *
 * <p>Problems are reported as {@link DataFormatException} with a {@code file:line: problem}
 * message: missing file, empty file, missing column, a row with too few fields, binary data (NUL
 * bytes or invalid UTF-8), a blank label or text.
 */
public final class LabeledTextReader {
  private LabeledTextReader() {}

  /**
   * The {@code *.tsv} files of a directory in name order, or {@code path} itself when it is a file;
   * empty when it is neither (a corpus is a directory of such files, or one of them).
   */
  public static List<Path> tsvFiles(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
    }
  }

  /** Labelled rows from columns {@code text} and {@code label}. */
  public static Stream<LabeledText> readTsv(Path file) {
    return readTsv(file, "text", "label");
  }

  /** Labelled rows from the named columns; rows with a blank label or text are errors. */
  public static Stream<LabeledText> readTsv(Path file, String textColumn, String labelColumn) {
    Objects.requireNonNull(labelColumn, "labelColumn");
    return read(
        file,
        List.of(textColumn, labelColumn),
        (row) -> {
          if (row.fields()[1].isBlank()) {
            throw new DataFormatException(row.where() + ": blank label");
          }
          if (row.fields()[0].isBlank()) {
            throw new DataFormatException(row.where() + ": blank text");
          }
          return new LabeledText(row.fields()[1].strip(), row.fields()[0]);
        });
  }

  /** The texts of one column, in file order; blank texts are returned as they are. */
  public static Stream<String> readTexts(Path file, String textColumn) {
    return read(file, List.of(textColumn), row -> row.fields()[0]);
  }

  /**
   * The named columns of every row, in file order, as they are (blank fields included); for files
   * with more than a label and a text, such as the real datasets' {@code label source id text}.
   * Unlike the other readers it accepts bytes that are not UTF-8: each becomes U+FFFD (a
   * replacement, never an error).
   */
  public static Stream<List<String>> readColumns(Path file, List<String> columns) {
    return read(file, columns, row -> List.of(row.fields()), false);
  }

  /**
   * What the decoder puts where the bytes are not UTF-8: a low surrogate, which decoding valid
   * UTF-8 never yields without a high surrogate before it, so a U+FFFD that is in the file as text
   * (collected web text has it) is told from a byte that is not UTF-8.
   */
  private static final char MALFORMED = '\uDFFF';

  /** Whether the char at {@code i} stands for a byte that was not UTF-8. */
  private static boolean malformedAt(CharSequence s, int i) {
    return s.charAt(i) == MALFORMED && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** Whether {@code line} holds bytes that were not UTF-8. */
  private static boolean malformed(String line) {
    for (int i = line.indexOf(MALFORMED); i >= 0; i = line.indexOf(MALFORMED, i + 1)) {
      if (malformedAt(line, i)) {
        return true;
      }
    }
    return false;
  }

  /** {@code line} with each byte that was not UTF-8 as U+FFFD. */
  private static String replaceMalformed(String line) {
    StringBuilder b = new StringBuilder(line);
    for (int i = 0; i < b.length(); i++) {
      if (malformedAt(b, i)) {
        b.setCharAt(i, '\uFFFD');
      }
    }
    return b.toString();
  }

  /** One parsed row: its selected fields and its location for messages. */
  private record Row(String[] fields, String where) {}

  private static <T> Stream<T> read(Path file, List<String> columns, Function<Row, T> mapper) {
    return read(file, columns, mapper, true);
  }

  private static <T> Stream<T> read(
      Path file, List<String> columns, Function<Row, T> mapper, boolean strictUtf8) {
    Objects.requireNonNull(file, "file");
    columns.forEach(c -> Objects.requireNonNull(c, "column"));
    BufferedReader reader;
    try {
      reader =
          new BufferedReader(
              new InputStreamReader(
                  Files.newInputStream(file),
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPLACE)
                      .onUnmappableCharacter(CodingErrorAction.REPLACE)
                      .replaceWith(String.valueOf(MALFORMED))),
              1 << 16);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file + ": file not found");
    } catch (IOException e) {
      throw new DataFormatException(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      RowIterator<T> it = new RowIterator<>(file, reader, columns, mapper, strictUtf8);
      return StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
              false)
          .onClose(it::close);
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw e;
    }
  }

  private static void closeQuietly(BufferedReader r) {
    try {
      r.close();
    } catch (IOException ignored) {
      // nothing to do: reading is over
    }
  }

  private static final class RowIterator<T> implements Iterator<T> {
    private final Path file;
    private final BufferedReader reader;
    private final Function<Row, T> mapper;
    private final int[] index;
    private final int width;
    private final boolean strictUtf8;
    private int lineNo;
    private String next;

    RowIterator(
        Path file,
        BufferedReader reader,
        List<String> columns,
        Function<Row, T> mapper,
        boolean strictUtf8) {
      this.file = file;
      this.strictUtf8 = strictUtf8;
      this.reader = reader;
      this.mapper = mapper;
      String header = line();
      if (header == null) {
        throw new DataFormatException(file + ": empty file (expected a header row)");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      List<String> names = Arrays.stream(header.split("\t", -1)).map(String::strip).toList();
      this.width = names.size();
      this.index = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        index[i] = names.indexOf(columns.get(i));
        if (index[i] < 0) {
          throw new DataFormatException(
              file
                  + ":1: missing column '"
                  + columns.get(i)
                  + "' (columns: "
                  + String.join(", ", names)
                  + ")");
        }
      }
      advance();
    }

    private String line() {
      try {
        String l = reader.readLine();
        if (l != null) {
          lineNo++;
          if (l.indexOf('\0') >= 0) {
            throw new DataFormatException(
                file + ":" + lineNo + ": binary data (NUL byte), not a TSV text file");
          }
          // the decoder marks invalid UTF-8 instead of failing, which keeps line numbers exact
          if (malformed(l)) {
            if (strictUtf8) {
              throw new DataFormatException(
                  file + ":" + lineNo + ": binary data (invalid UTF-8), not a TSV text file");
            }
            l = replaceMalformed(l);
          }
        }
        return l;
      } catch (IOException e) {
        throw new UncheckedIOException(file + ":" + (lineNo + 1) + ": " + e.getMessage(), e);
      }
    }

    private void advance() {
      String l;
      do {
        l = line();
      } while (l != null && l.isBlank());
      next = l;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public T next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String l = next;
      int at = lineNo;
      String[] parts = l.split("\t", -1);
      String[] fields = new String[index.length];
      for (int i = 0; i < index.length; i++) {
        if (index[i] >= parts.length) {
          throw new DataFormatException(
              file + ":" + at + ": expected " + width + " fields, found " + parts.length);
        }
        fields[i] =
            parts[index[i]].endsWith("\r") ? parts[index[i]].stripTrailing() : parts[index[i]];
      }
      T value = mapper.apply(new Row(fields, file + ":" + at));
      advance();
      return value;
    }

    void close() {
      closeQuietly(reader);
    }
  }
}
