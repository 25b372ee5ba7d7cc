package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path dir;

  @Test
  void registerPromoteRollback() throws Exception {
    ModelRegistry registry = new ModelRegistry(dir.resolve("models"));
    ExtremismModel a = TinyCorpus.model();
    ExtremismModel b = a.withThreshold(0.8);
    assertThat(registry.list()).isEmpty();
    assertThat(registry.active()).isEmpty();

    String idA = registry.register(a, null);
    String idB =
        registry.register(
            b, ExtremismEvaluator.evaluate(new ExtremismCategorizer(b), TinyCorpus.samples()));
    assertThat(registry.register(a, null)).isEqualTo(idA);
    assertThat(registry.list())
        .extracting(ModelRegistry.Entry::id)
        .containsExactlyInAnyOrder(idA, idB);
    assertThat(
            registry.list().stream()
                .filter(e -> e.id().equals(idB))
                .findFirst()
                .orElseThrow()
                .metricsJson())
        .contains("\"macroF1\"");

    registry.promote(idA);
    registry.promote(idB);
    assertThat(registry.active().orElseThrow().id()).isEqualTo(idB);
    assertThat(registry.loadActiveOrDefault().modelVersion()).isEqualTo(idB);

    assertThat(registry.rollback()).isEqualTo(idA);
    assertThat(registry.active().orElseThrow().id()).isEqualTo(idA);
    assertThat(registry.list())
        .filteredOn(ModelRegistry.Entry::active)
        .extracting(ModelRegistry.Entry::id)
        .containsExactly(idA);
    // Before the first promotion the packaged default model was in use: it comes back.
    String packaged = ExtremismCategorizer.loadDefault().modelVersion();
    assertThat(registry.rollback()).isEqualTo(packaged);
    assertThat(registry.active()).isEmpty();
    assertThat(registry.loadActiveOrDefault().modelVersion()).isEqualTo(packaged);
    assertThat(registry.list()).noneMatch(ModelRegistry.Entry::active);
    assertThatThrownBy(registry::rollback)
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no previous model");
  }

  @Test
  void promotingAnUnknownIdFails() {
    ModelRegistry registry = new ModelRegistry(dir);
    assertThatThrownBy(() -> registry.promote("nope"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no model with id 'nope'");
  }
}
