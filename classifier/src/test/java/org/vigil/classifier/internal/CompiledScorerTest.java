package org.vigil.classifier.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.classifier.TrainingOptions;
import org.vigil.model.LabeledText;

/**
 * The compiled scorer must give bit-identical probabilities to OpenNLP's evaluation of the feature
 * strings, on every window of every text, for the shipped model and for a model trained here.
 */
class CompiledScorerTest {
  private static ModelData defaultModel;
  private static List<String> texts;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        CompiledScorerTest.class.getResourceAsStream("/org/vigil/classifier/default-model.bin")) {
      defaultModel = ModelData.read(in.readAllBytes());
    }
    texts = new ArrayList<>();
    try (Stream<String> lines =
        Files.lines(
            Path.of("src/test/resources/challenge/challenge.tsv"), StandardCharsets.UTF_8)) {
      lines
          .skip(1)
          .map(l -> l.substring(l.indexOf('\t', l.indexOf('\t') + 1) + 1))
          .forEach(texts::add);
    }
    texts.add("snake_case tokens, a_b_c and under_score_ words! Why? <b>tags</b> 2024 #tag @user");
    texts.add("Join us. Join us! join_us join us? Never join them. \"Join us,\" he said.");
    texts.add(wordSalad(new Random(7), 2000));
    texts.add(String.join("\n\n", texts.subList(0, 12))); // a long multi-window page
  }

  @Test
  void reproducesTheDefaultModelExactly() {
    assertEquivalent(defaultModel);
  }

  @Test
  void reproducesAModelTrainedHereExactly() throws IOException {
    List<LabeledText> samples;
    try (Stream<LabeledText> s =
        LabeledTextReader.readTsv(
            Path.of("src/test/resources/org/vigil/classifier/tiny-corpus.tsv"))) {
      samples = s.toList();
    }
    TrainingOptions options = TrainingOptions.defaults().withName("tiny").withoutThresholdSearch();
    ModelData tiny = Trainer.train(samples, options, IndicatorCatalogue.loadDefault()).model();
    assertEquivalent(tiny);
  }

  @Test
  void declinesModelsItCannotReproduce() throws IOException {
    List<LabeledText> samples;
    try (Stream<LabeledText> s =
        LabeledTextReader.readTsv(
            Path.of("src/test/resources/org/vigil/classifier/tiny-corpus.tsv"))) {
      samples = s.toList();
    }
    TrainingOptions lbfgs =
        new TrainingOptions("tiny-qn", 50, 1, 0.1, 0, 0.95, 0.5); // L-BFGS: not a GIS model
    ModelData qn = Trainer.train(samples, lbfgs, IndicatorCatalogue.loadDefault()).model();
    assertFalse(CompiledScorer.of(qn.maxent()).isPresent());
    assertTrue(CompiledScorer.of(defaultModel.maxent()).isPresent());
  }

  private static void assertEquivalent(ModelData model) {
    CompiledScorer scorer = CompiledScorer.of(model.maxent()).orElseThrow();
    TextAnalyzer analyzer = TextAnalyzer.get();
    int windowsCompared = 0;
    for (String text : texts) {
      for (Analysis window : Engine.windows(analyzer.paragraphs(text))) {
        List<IndicatorCatalogue.Hit> hits = model.catalogue().match(window);
        assertArrayEquals(
            model.maxent().eval(Features.extract(window, hits)),
            scorer.eval(window, hits),
            () -> "window of: " + text);
        windowsCompared++;
      }
    }
    assertTrue(windowsCompared > texts.size(), "compared " + windowsCompared + " windows");
    assertEquals(
        model.maxent().getNumOutcomes(), scorer.eval(new Analysis(List.of()), List.of()).length);
  }

  private static String wordSalad(Random random, int words) {
    String[] vocabulary =
        "the of and join us we they brothers time people community report".split(" ");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(i % 12 == 11 ? ". " : " ");
      if (i % 60 == 59) {
        sb.append("\n\n");
      }
    }
    return sb.toString();
  }
}
