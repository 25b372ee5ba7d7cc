package org.vigil.classifier.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import opennlp.tools.sentdetect.EndOfSentenceScanner;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sentence model with the fast scanner must split every text exactly as OpenNLP's own model
 * does: same candidate positions for every character, same sentence spans on real text.
 */
class FastScanSentenceModelTest {
  private static final String MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  private static SentenceModel stock;
  private static SentenceModel fast;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = FastScanSentenceModelTest.class.getResourceAsStream(MODEL)) {
      stock = new SentenceModel(in);
    }
    try (InputStream in = FastScanSentenceModelTest.class.getResourceAsStream(MODEL)) {
      fast = new FastScanSentenceModel(in);
    }
  }

  @Test
  void scannerFindsTheSamePositionsForEveryCharacter() {
    EndOfSentenceScanner own = stock.getFactory().getEndOfSentenceScanner();
    EndOfSentenceScanner scanner = fast.getFactory().getEndOfSentenceScanner();
    assertTrue(scanner instanceof FastScanSentenceModel.FastScanner);
    StringBuilder every = new StringBuilder();
    for (char c = 1; c < Character.MAX_VALUE; c++) {
      every.append(c).append('x');
    }
    String text = every.toString();
    List<Integer> expected = own.getPositions(text);
    assertTrue(expected.size() >= 3, "end-of-sentence characters: " + own.getEOSCharacters());
    assertEquals(expected, scanner.getPositions(text));
    assertEquals(expected, scanner.getPositions(new StringBuffer(text)));
    assertEquals(expected, scanner.getPositions(text.toCharArray()));
    assertEquals(own.getEOSCharacters(), scanner.getEOSCharacters());
  }

  @Test
  void detectorSplitsRealTextExactlyAsOpenNlp() throws IOException {
    SentenceDetectorME expected = new SentenceDetectorME(stock);
    SentenceDetectorME actual = new SentenceDetectorME(fast);
    List<String> texts = texts();
    assertTrue(texts.size() > 4_000, texts.size() + " texts");
    for (String t : texts) {
      assertArrayEquals(expected.sentPosDetect(t), actual.sentPosDetect(t), t);
    }
  }

  private static List<String> texts() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/corpus"))) {
      for (Path f : files.sorted().toList()) {
        out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    out.addAll(Files.readAllLines(Path.of("src/test/resources/challenge/challenge.tsv")));
    out.add(
        "Dr. Smith arrived at 5 p.m. on Jan. 3! Did he?! Yes... \u201cNo.\u201d Then \u2026 end");
    out.add(
        "\u0413\u043e\u0432\u043e\u0440\u044f\u0442. \u0422\u0430\u043a! \u4e2d\u6587\u3002\u597d\uff01");
    return out;
  }
}
