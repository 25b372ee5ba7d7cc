package org.vigil.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.cli.Run;
import org.vigil.cli.TestData;
import org.vigil.cli.TestModels;

/** The {@code --model FILE} side of {@link ActiveModel}, with two models trained here. */
class ActiveModelTest {
  @TempDir Path home;

  @Test
  void aFollowedModelFileIsReloadedWhenReplacedAndKeptWhenTheReplacementIsBroken()
      throws Exception {
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    Path a = train(corpus, "a.bin");
    Path b = train(TestModels.swappedLabels(corpus, home.resolve("swapped.tsv")), "b.bin");
    String versionA = ExtremismCategorizer.load(a).modelVersion();
    String versionB = ExtremismCategorizer.load(b).modelVersion();
    Path file = Files.copy(a, home.resolve("model.bin"));

    ActiveModel model = ActiveModel.follows(home, file);
    assertThat(model.refresh().categorizer().modelVersion()).isEqualTo(versionA);
    ExtremismCategorizer first = model.refresh().categorizer();
    assertThat(model.refresh().categorizer())
        .as("unchanged file: not loaded again")
        .isSameAs(first);

    Files.copy(b, file, StandardCopyOption.REPLACE_EXISTING);
    ActiveModel.Use afterReplace = model.refresh();
    assertThat(afterReplace.categorizer().modelVersion()).isEqualTo(versionB);
    assertThat(afterReplace.problem()).isEmpty();

    Files.writeString(file, "half a model");
    ActiveModel.Use broken = model.refresh();
    assertThat(broken.categorizer().modelVersion()).isEqualTo(versionB);
    assertThat(broken.problem()).startsWith("model not loaded, kept " + versionB + ": " + file);

    // Repaired with the model in use: no problem any more, the same categorizer goes on.
    Files.copy(b, file, StandardCopyOption.REPLACE_EXISTING);
    ActiveModel.Use repaired = model.refresh();
    assertThat(repaired.problem()).isEmpty();
    assertThat(repaired.categorizer()).isSameAs(afterReplace.categorizer());

    ActiveModel fixed = ActiveModel.fixed(ExtremismCategorizer.load(a));
    Files.copy(b, file, StandardCopyOption.REPLACE_EXISTING);
    assertThat(fixed.refresh().categorizer().modelVersion()).isEqualTo(versionA);
  }

  private Path train(Path data, String name) {
    Path out = home.resolve(name);
    Run train = Run.withHome(home, "train", "--data", data.toString(), "--out", out.toString());
    assertThat(train.code()).as(train.toString()).isZero();
    return out;
  }
}
