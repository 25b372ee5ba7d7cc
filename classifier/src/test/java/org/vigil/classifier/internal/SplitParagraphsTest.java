package org.vigil.classifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link TextAnalyzer#splitParagraphs} must give exactly what the paragraph regex's split gives.
 */
class SplitParagraphsTest {
  @Test
  void sameAsTheRegexOnRandomWhitespace() {
    char[] alphabet = {'a', 'b', ' ', '\n', '\n', '\t', '\r', '\f', '\u000B', '\u00a0', '\u2028'};
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      char[] text = new char[random.nextInt(24)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      assertSame(new String(text));
    }
  }

  @Test
  void sameAsTheRegexOnTheCorpusAsPages() throws IOException {
    StringBuilder page = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("src/main/corpus"))) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          page.append(line).append(line.length() % 3 == 0 ? "\n \n" : "\n\n\n");
          if (page.length() > 5_000) {
            assertSame(page.toString());
            page.setLength(0);
          }
        }
      }
    }
    assertSame("");
    assertSame("\n\n");
    assertSame("\n\nlead");
    assertSame("one\n\ntwo\n \t\n\nthree\n\n");
  }

  private static void assertSame(String text) {
    assertEquals(
        Arrays.asList(TextAnalyzer.PARAGRAPH.split(text)),
        TextAnalyzer.splitParagraphs(text),
        () -> text.replace("\n", "\\n"));
  }
}
