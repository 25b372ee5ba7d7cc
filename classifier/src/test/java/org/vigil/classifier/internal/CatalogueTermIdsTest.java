package org.vigil.classifier.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pattern matching tests a token against a term through the ids memoised on its lexeme; those ids
 * must be exactly the terms whose {@link IndicatorCatalogue.Term#matches} definition holds, for
 * every token of the team corpus, the challenge set and every stem and prefix of the catalogue
 * (with and without endings).
 */
class CatalogueTermIdsTest {
  @Test
  void memoisedTermIdsAreExactlyTheTermsThatMatch() throws IOException {
    IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
    Map<String, Lexeme> vocabulary = vocabulary(catalogue);
    assertTrue(vocabulary.size() > 5_000, "vocabulary of " + vocabulary.size());
    int matched = 0;
    for (Lexeme w : vocabulary.values()) {
      int[] expected =
          catalogue.wordTerms().stream()
              .filter(t -> t.matches(w.norm, w.stem))
              .mapToInt(IndicatorCatalogue.Term::id)
              .toArray();
      assertArrayEquals(expected, catalogue.termIds(w.norm, w.stem), w.norm);
      matched += expected.length > 0 ? 1 : 0;
    }
    assertTrue(matched > 200, matched + " tokens match some term");
  }

  private static Map<String, Lexeme> vocabulary(IndicatorCatalogue catalogue) throws IOException {
    TextAnalyzer analyzer = TextAnalyzer.get();
    StringBuilder text = new StringBuilder();
    for (IndicatorCatalogue.Term t : catalogue.wordTerms()) {
      for (String s : t.stems()) {
        text.append(s).append(' ').append(s).append("ing ").append(s).append("s. ");
      }
      for (String p : t.prefixes()) {
        text.append(p).append(' ').append(p).append("ers ").append(p.substring(1)).append(". ");
      }
    }
    Map<String, Lexeme> words = new LinkedHashMap<>();
    add(analyzer, text.toString(), words);
    try (Stream<Path> files = Files.list(Path.of("src/main/corpus"))) {
      for (Path f : files.sorted().toList()) {
        add(analyzer, Files.readString(f, StandardCharsets.UTF_8), words);
      }
    }
    add(analyzer, Files.readString(Path.of("src/test/resources/challenge/challenge.tsv")), words);
    return words;
  }

  private static void add(TextAnalyzer analyzer, String text, Map<String, Lexeme> words) {
    for (String line : text.split("\n")) {
      for (Sentence s : analyzer.analyze(line).sentences()) {
        for (Lexeme w : s.lexemes()) {
          words.putIfAbsent(w.norm, w);
        }
      }
    }
  }
}
