package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.LabeledText;

class LabeledTextReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsNamedColumnsInAnyOrder() throws Exception {
    Path f =
        write(
            "a.tsv", "id\ttext\tlabel\n1\tJoin us now\trecruitment\n\n2\tNice weather\tother\r\n");

    try (Stream<LabeledText> s = LabeledTextReader.readTsv(f, "text", "label")) {
      assertThat(s.toList())
          .containsExactly(
              new LabeledText("recruitment", "Join us now"),
              new LabeledText("other", "Nice weather"));
    }
  }

  @Test
  void streamsLargeFilesLazily() throws Exception {
    Path f = dir.resolve("big.tsv");
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      w.write("label\ttext\n");
      for (int i = 0; i < 20_000; i++) {
        w.write("other\trow number " + i + "\n");
      }
      w.write("other\n"); // a short row at the very end: only found when reached
    }

    try (Stream<LabeledText> s = LabeledTextReader.readTsv(f)) {
      assertThat(s.limit(20_000).count()).isEqualTo(20_000);
    }
    try (Stream<LabeledText> s = LabeledTextReader.readTsv(f)) {
      assertThatThrownBy(s::count)
          .isInstanceOf(DataFormatException.class)
          .hasMessage(f + ":20002: expected 2 fields, found 1");
    }
  }

  @Test
  void missingColumnNamesFileLineAndColumns() throws Exception {
    Path f = write("m.tsv", "label\tbody\nother\thi\n");

    assertThatThrownBy(() -> LabeledTextReader.readTsv(f, "text", "label"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ":1: missing column 'text' (columns: label, body)");
  }

  @Test
  void emptyFile() throws Exception {
    Path f = write("e.tsv", "");

    assertThatThrownBy(() -> LabeledTextReader.readTsv(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": empty file (expected a header row)");
  }

  @Test
  void binaryData() throws Exception {
    Path nul = dir.resolve("nul.tsv");
    Files.write(
        nul,
        new byte[] {'l', 'a', 'b', 'e', 'l', '\t', 't', 'e', 'x', 't', '\n', 'x', 0, 1, 2, '\n'});
    Path latin = dir.resolve("bad-utf8.tsv");
    Files.write(
        latin,
        new byte[] {
          'l', 'a', 'b', 'e', 'l', '\t', 't', 'e', 'x', 't', '\n', (byte) 0xff, (byte) 0xfe, '\n'
        });

    for (Path f : List.of(nul, latin)) {
      assertThatThrownBy(
              () -> {
                try (Stream<LabeledText> s = LabeledTextReader.readTsv(f)) {
                  s.count();
                }
              })
          .isInstanceOf(DataFormatException.class)
          .hasMessageStartingWith(f + ":2: binary data");
    }
  }

  @Test
  void aReplacementCharacterInTheTextIsNotInvalidUtf8() throws Exception {
    Path f =
        write("web.tsv", "label\ttext\nother\tcopied from a page \uFFFD as it was \uD800\uDFFF\n");
    Path bad = dir.resolve("bad.tsv");
    Files.write(
        bad,
        new byte[] {
          'l', 'a', 'b', 'e', 'l', '\t', 't', 'e', 'x', 't', '\n', 'x', '\t', 'a', (byte) 0xff, '\n'
        });

    try (Stream<LabeledText> s = LabeledTextReader.readTsv(f)) {
      assertThat(s.toList())
          .containsExactly(
              new LabeledText("other", "copied from a page \uFFFD as it was \uD800\uDFFF"));
    }
    try (Stream<List<String>> s = LabeledTextReader.readColumns(bad, List.of("label", "text"))) {
      assertThat(s.toList()).containsExactly(List.of("x", "a\uFFFD"));
    }
  }

  @Test
  void blankLabelIsAnErrorButBlankTextsCanBeRead() throws Exception {
    Path f = write("b.tsv", "label\ttext\n \tsome text\n");
    Path texts = write("t.tsv", "text\n\"quoted\"\n");

    try (Stream<LabeledText> s = LabeledTextReader.readTsv(f)) {
      assertThatThrownBy(s::toList).hasMessage(f + ":2: blank label");
    }
    try (Stream<String> s = LabeledTextReader.readTexts(texts, "text")) {
      assertThat(s.toList()).containsExactly("\"quoted\"");
    }
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("nope.tsv");
    assertThatThrownBy(() -> LabeledTextReader.readTsv(f)).hasMessage(f + ": file not found");
  }
}
