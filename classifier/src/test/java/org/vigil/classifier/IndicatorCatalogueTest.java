package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.classifier.internal.Analysis;
import org.vigil.classifier.internal.IndicatorCatalogue;
import org.vigil.classifier.internal.TextAnalyzer;

class IndicatorCatalogueTest {
  private final TextAnalyzer analyzer = TextAnalyzer.get();

  private List<IndicatorCatalogue.Hit> match(IndicatorCatalogue c, String text) {
    Analysis a = analyzer.analyze(text);
    return c.match(a);
  }

  @Test
  void defaultCatalogueIsCompleteAndCited() throws Exception {
    IndicatorCatalogue c = IndicatorCatalogue.loadDefault();

    assertThat(c.version()).isNotBlank();
    assertThat(c.indicators())
        .extracting(IndicatorCatalogue.Indicator::id)
        .contains(
            "call-to-join",
            "call-to-migrate",
            "martyrdom",
            "dehumanisation",
            "urgency",
            "belonging-reward",
            "private-channel",
            "secrecy",
            "us-vs-them");
    assertThat(c.indicators())
        .allSatisfy(
            i -> {
              assertThat(i.reference()).matches(".*\\(\\d{4}\\).*");
              assertThat(i.category()).isIn("recruitment", "propaganda");
            });
  }

  @Test
  void matchesStemsPhrasesGapsAndMarksNegationAndReporting() {
    IndicatorCatalogue c =
        IndicatorCatalogue.parse(
            "version: t\nindicators:\n  - {id: join, name: Join, category: recruitment, description: d,"
                + " reference: r (2020), weight: 1, patterns: [\"join the ~ ranks\", \"martyr*\"]}\n",
            "test");

    assertThat(match(c, "They are joining the glorious ranks."))
        .singleElement()
        .satisfies(h -> assertThat(h.negated()).isFalse());
    assertThat(match(c, "Never join the ranks of hate."))
        .singleElement()
        .satisfies(h -> assertThat(h.negated()).isTrue());
    assertThat(match(c, "Police said he had joined the ranks in 2015."))
        .singleElement()
        .satisfies(h -> assertThat(h.reported()).isTrue());
    assertThat(match(c, "The martyrdom video.")).hasSize(1);
    assertThat(match(c, "Join them in the ranks."))
        .isEmpty(); // gap longer than pattern allows? no: "the" missing
  }

  @Test
  void badCatalogueIsReportedWithItsSource() {
    assertThatThrownBy(() -> IndicatorCatalogue.parse("indicators: [{id: x}]", "my.yml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("my.yml: indicator x:");
  }

  @Test
  void defaultIndicatorsFireOnTypicalPhrasesWithTheirSentence() throws Exception {
    IndicatorCatalogue c = IndicatorCatalogue.loadDefault();
    String text =
        "Nice weather today. Brothers, if you cannot make hijrah, strike them where you are."
            + " Message me privately and tell no one.";

    List<IndicatorCatalogue.Hit> hits = match(c, text);

    assertThat(hits)
        .extracting(h -> h.indicator().id())
        .contains("call-to-migrate", "call-to-violence", "private-channel", "secrecy");
    assertThat(hits)
        .filteredOn(h -> h.indicator().id().equals("call-to-violence"))
        .singleElement()
        .satisfies(h -> assertThat(h.sentence()).isEqualTo(1));
  }
}
