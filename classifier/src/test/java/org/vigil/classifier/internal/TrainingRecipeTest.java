package org.vigil.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.classifier.internal.TrainingRecipe.Row;
import org.vigil.model.LabeledText;

class TrainingRecipeTest {
  private static Row row(String dataset, String text) {
    return new Row(dataset, "x:y", "extremist", "id-1", new LabeledText("propaganda", text));
  }

  @Test
  void supporterTweetsWithStanceEvidenceGetWordCopiesWithoutPlatformArtefacts() throws Exception {
    IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
    String tweet = "RT @someone: #Dawlah destroys a tank near Ramadi &amp; more https://t.co/abc";

    List<LabeledText> samples =
        TrainingRecipe.samples(row("fifthtribe_disjoint_accounts", tweet), catalogue);

    assertThat(samples).hasSize(1 + TrainingRecipe.WORD_COPIES.get("fifthtribe_disjoint_accounts"));
    assertThat(samples.get(0).text()).isEqualTo(tweet);
    assertThat(samples.subList(1, samples.size()))
        .allSatisfy(
            s -> {
              assertThat(s.text()).isEqualTo("Dawlah destroys a tank near Ramadi & more");
              assertThat(s.label()).isEqualTo("propaganda");
            });
  }

  @Test
  void tweetsWithoutEvidenceAndOtherDatasetsAreTrainedOnceAsTheyAre() throws Exception {
    IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
    String news = "RT @news: Iraqi army shells the area east of Ramadi https://t.co/abc";

    assertThat(TrainingRecipe.samples(row("fifthtribe_disjoint_accounts", news), catalogue))
        .extracting(LabeledText::text)
        .containsExactly(news);
    assertThat(
            TrainingRecipe.samples(
                row("gab_hate_corpus", "The soldiers of the Khilafah"), catalogue))
        .hasSize(1);
  }

  @Test
  void aPostOfOnlyArtefactsStaysAsItIs() {
    assertThat(TrainingRecipe.withoutPlatformArtefacts("RT @a: https://t.co/x"))
        .isEqualTo("RT @a: https://t.co/x");
    assertThat(TrainingRecipe.withoutPlatformArtefacts("#Syria  news\u2026 from @b"))
        .isEqualTo("Syria from");
  }
}
