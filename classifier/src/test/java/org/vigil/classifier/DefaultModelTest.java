package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.model.Categories;
import org.vigil.model.Classification;

/** The default model built from the project corpus during the build (skipped when not built). */
class DefaultModelTest {

  @Test
  void defaultModelLoadsAndSeparatesRecruitmentFromReporting() throws Exception {
    assumeTrue(
        ExtremismCategorizer.class.getResource(ExtremismCategorizer.DEFAULT_MODEL) != null,
        "no default model");
    ExtremismCategorizer c = ExtremismCategorizer.loadDefault();

    Classification recruit =
        c.categorize(
            "Brothers, the time is now. Make hijrah and join the ranks of the caravan. Message me privately and tell no one.");
    Classification news =
        c.categorize(
            "Officials in the province said 312 young men had left the group since 2021, up from 190 a year earlier."
                + " \"Most of them were recruited online,\" a spokesman for the ministry told reporters on Tuesday."
                + " Local imams explained that their mentoring work focuses on families.");

    assertThat(c.modelVersion()).startsWith("vigil-default-");
    assertThat(recruit.flagged()).isTrue();
    assertThat(recruit.category()).isEqualTo(Categories.RECRUITMENT);
    assertThat(news.flagged()).isFalse();
  }

  /** The words of the crawl benchmark's generated pages (crawler/.../bench/BenchSite.java). */
  private static final String[] WORDS =
      ("the of and to in is that for it as was with be by on not he this are or his from at which but"
              + " have an they you were her she there been one all we their has would when if so no will can"
              + " more other who some what them about into time only could new year people these two may first"
              + " then do any like my now over such our man me even most made after also did many before must"
              + " through back years where much your way well down should because each just those how too"
              + " little state good very make world still own see men work long get here between both life being"
              + " under never day same another know while last might us great old off come since against go came"
              + " right used take three community report analysis policy court council region network support")
          .split(" ");

  /** A BenchSite page body: about 5 KB of random common words in paragraphs of five sentences. */
  static List<String> wordSaladParagraphs(int page) {
    Random random = new Random(page * 7919L + 17);
    List<String> paragraphs = new ArrayList<>();
    int chars = 0;
    while (chars < 5000) {
      StringBuilder p = new StringBuilder();
      for (int w = 0; w < 60; w++) {
        p.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
      }
      paragraphs.add(p.toString().strip());
      chars += p.length();
    }
    return paragraphs;
  }

  private static ExtremismCategorizer defaultOrSkip() throws Exception {
    assumeTrue(
        ExtremismCategorizer.class.getResource(ExtremismCategorizer.DEFAULT_MODEL) != null,
        "no default model");
    return ExtremismCategorizer.loadDefault();
  }

  @Test
  void wordSaladPagesAreNotFlagged() throws Exception {
    ExtremismCategorizer c = defaultOrSkip();
    int pages = 60;
    int flagged = 0;
    for (int i = 0; i < pages; i++) {
      Classification r = c.categorize(String.join("\n\n", wordSaladParagraphs(i)));
      if (r.flagged()) {
        flagged++;
        assertThat(r.indicators()).as("a flagged page shows its reason").isNotEmpty();
      }
    }
    assertThat(flagged).as("word-salad pages flagged of %d", pages).isLessThan(pages / 20);
  }

  @Test
  void oneRecruitingParagraphInALongNeutralPageIsFlaggedWithItsEvidence() throws Exception {
    ExtremismCategorizer c = defaultOrSkip();
    String recruiting =
        "Brothers, the time is now. Join us and take your place in the ranks of the Iron Dawn."
            + " Message me privately on Telegram and tell no one.";
    List<String> paragraphs = new ArrayList<>(wordSaladParagraphs(3));
    paragraphs.add(paragraphs.size() / 2, recruiting);

    Classification r = c.categorize(String.join("\n\n", paragraphs));

    assertThat(r.flagged()).isTrue();
    assertThat(r.category()).isEqualTo(Categories.RECRUITMENT);
    assertThat(r.indicators()).extracting(h -> h.id()).contains("call-to-join");
    assertThat(recruiting).contains(r.topEvidence());
  }

  @Test
  void casualDehumanisingForumPostIsPropagandaAndPolicyChatterIsNot() throws Exception {
    ExtremismCategorizer c = defaultOrSkip();

    Classification hate =
        c.categorize(
            "Honestly these people are animals. Filthy, lazy parasites, the lot of them, and we"
                + " pay for every one. I hope they all starve.");
    Classification policy =
        c.categorize(
            "I think immigration numbers should be set by parliament every year and matched with"
                + " housing and school places. That is a policy question, not a reason to insult"
                + " anyone.");

    assertThat(hate.flagged()).isTrue();
    assertThat(hate.category()).isEqualTo(Categories.PROPAGANDA);
    assertThat(hate.indicators()).extracting(h -> h.id()).contains("dehumanisation");
    assertThat(policy.flagged()).isFalse();
  }

  @Test
  void evidenceNamesWhoIsTargeted() throws Exception {
    ExtremismCategorizer c = defaultOrSkip();

    Classification hate =
        c.categorize(
            "Honestly these immigrants are animals. Filthy, lazy parasites, the lot of them, and we"
                + " pay for every one.");

    assertThat(hate.flagged()).isTrue();
    assertThat(hate.indicators())
        .filteredOn(h -> h.id().equals("dehumanisation"))
        .extracting(h -> h.name())
        .containsExactly("Dehumanisation (target: immigrants)");
  }
}
