package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
}
