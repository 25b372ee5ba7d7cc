package org.vigil.crawler.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShingleMetricTest {
  @Test
  void identicalTextsArePerfect() {
    ShingleMetric.Counts c =
        ShingleMetric.match("one two three four five", "one two three four five");
    assertThat(c.precision()).isEqualTo(1.0);
    assertThat(c.recall()).isEqualTo(1.0);
  }

  @Test
  void extraAndMissingShinglesCountAsFpAndFn() {
    // truth shingles: a b c d, b c d e; predicted: a b c d, b c d x
    ShingleMetric.Counts c = ShingleMetric.match("a b c d e", "a, b. c d x");
    assertThat(c.tp()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(c.fp()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(c.fn()).isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void emptyPredictionHasNoPrecisionButZeroRecall() {
    ShingleMetric.Counts empty = ShingleMetric.match("a b c d e", "");
    ShingleMetric.Counts perfect = ShingleMetric.match("a b c d", "a b c d");
    ShingleMetric.Score s = ShingleMetric.score(List.of(empty, perfect));
    assertThat(s.precision()).isEqualTo(1.0); // the empty page is left out of precision
    assertThat(s.recall()).isEqualTo(0.5);
    assertThat(s.f1()).isCloseTo(2 / 3.0, within(1e-9));
  }

  @Test
  void caseMattersAsInTheReferenceScorer() {
    assertThat(ShingleMetric.match("A b c d", "a b c d").tp()).isZero();
  }
}
