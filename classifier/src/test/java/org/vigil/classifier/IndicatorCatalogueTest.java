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
              assertThat(i.category()).isIn("recruitment", "propaganda", "counter");
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

  private static List<String> ids(List<IndicatorCatalogue.Hit> hits) {
    return hits.stream().filter(h -> !h.negated()).map(h -> h.indicator().id()).toList();
  }

  @Test
  void gapsNeverSkipANegation() {
    IndicatorCatalogue c =
        IndicatorCatalogue.parse(
            "version: t\nindicators:\n  - {id: d, name: D, category: propaganda, description: d,"
                + " reference: r (2020), weight: 1, patterns: [\"they ~ are ~ animals\"]}\n",
            "test");

    assertThat(match(c, "They really are animals.")).hasSize(1);
    assertThat(match(c, "They are not animals.")).isEmpty();
    assertThat(match(c, "They never are animals, whatever you say.")).isEmpty();
  }

  @Test
  void featureNamesTheIndicatorAHitCountsAsForTheModel() throws Exception {
    String yaml =
        "version: t\nindicators:\n"
            + "  - {id: a, name: A, category: propaganda, description: d, reference: r (2020),"
            + " patterns: [vermin]}\n"
            + "  - {id: b, name: B, category: propaganda, description: d, reference: r (2020),"
            + " feature: a, patterns: [scum]}\n";
    IndicatorCatalogue c = IndicatorCatalogue.parse(yaml, "test");

    assertThat(c.indicators())
        .extracting(IndicatorCatalogue.Indicator::feature)
        .containsExactly("a", "a");
    assertThatThrownBy(
            () -> IndicatorCatalogue.parse(yaml.replace("feature: a", "feature: zz"), "my.yml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("my.yml: indicator b: 'feature' names no indicator: zz");
    assertThat(IndicatorCatalogue.loadDefault().indicators())
        .filteredOn(i -> i.id().equals("group-slur"))
        .singleElement()
        .satisfies(i -> assertThat(i.feature()).isEqualTo("dehumanisation"));
  }

  @Test
  void casualDehumanisationGeneralisationAndExclusionFireButNotTheirCounterSpeech()
      throws Exception {
    IndicatorCatalogue c = IndicatorCatalogue.loadDefault();

    assertThat(ids(match(c, "Feral packs of them roaming the high street again.")))
        .contains("dehumanisation");
    assertThat(ids(match(c, "These creatures will never be civilised.")))
        .contains("dehumanisation");
    assertThat(ids(match(c, "Immigrants are so lazy, every one of them.")))
        .contains("group-generalisation");
    assertThat(ids(match(c, "They are all parasites and thieves.")))
        .contains("group-generalisation");
    assertThat(ids(match(c, "It is in their blood, you cannot change it.")))
        .contains("group-generalisation");
    assertThat(ids(match(c, "Send them all back where they came from."))).contains("exclusion");
    assertThat(ids(match(c, "I hope they all starve."))).contains("exclusion");

    assertThat(ids(match(c, "Immigrants are not criminals and they are not parasites.")))
        .doesNotContain("group-generalisation", "dehumanisation");
    assertThat(ids(match(c, "The council should publish the immigration figures every year.")))
        .isEmpty();
  }

  @Test
  void supportersNamingOfTheGroupAndSectarianSlursFireButOutsidersNamingDoesNot() throws Exception {
    IndicatorCatalogue c = IndicatorCatalogue.loadDefault();

    assertThat(ids(match(c, "The soldiers of the Khilafah took the town today.")))
        .contains("supporter-naming");
    assertThat(ids(match(c, "Dawlah destroys a tank near Ramadi."))).contains("supporter-naming");
    assertThat(ids(match(c, "Targeting a nusayri gathering with artillery.")))
        .contains("group-slur");
    assertThat(match(c, "The agency said Amaq had published the claim."))
        .filteredOn(h -> h.indicator().id().equals("supporter-naming"))
        .singleElement()
        .satisfies(h -> assertThat(h.reported()).isTrue());

    assertThat(ids(match(c, "ISIS fighters took the town, the ministry said."))).isEmpty();
    assertThat(ids(match(c, "Daesh lost its last stronghold in Syria."))).isEmpty();
  }

  @Test
  void condemnationMarksTheOppositeStanceAndIsNeverEvidence() throws Exception {
    IndicatorCatalogue c = IndicatorCatalogue.loadDefault();

    for (String text :
        List.of(
            "We, the undersigned, condemn all acts of terrorism.",
            "Such evil deeds have no place in the world we seek to build.",
            "Our hearts go out to the victims and their families.",
            "We stand with our Muslim neighbours.",
            "Terrorism is contrary to Islam.",
            "The programme works to rehabilitate those who left extremist movements.")) {
      assertThat(match(c, text))
          .as(text)
          .anySatisfy(
              h -> {
                assertThat(h.indicator().id()).isEqualTo("condemnation");
                assertThat(h.indicator().extremist()).isFalse();
              });
    }
    assertThat(ids(match(c, "Most hate crimes are hoaxes, arrest them for hate speech.")))
        .doesNotContain("condemnation");
    assertThat(ids(match(c, "This is a war on Islam."))).contains("us-vs-them");
  }
}
