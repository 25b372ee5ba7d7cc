package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Models trained and registered by the tests with the real {@code vigil} commands. */
public final class TestModels {
  private TestModels() {}

  /** {@code vigil train --data DATA --register --name NAME}; returns the registered version id. */
  public static String register(Map<String, String> env, Path data, String name) {
    Run train = Run.of(env, "train", "--data", data.toString(), "--register", "--name", name);
    assertThat(train.code()).as(train.toString()).isZero();
    String id = train.out().split(" ")[1];
    assertThat(id).startsWith(name);
    return id;
  }

  /** {@code vigil model promote ID}. */
  public static void promote(Map<String, String> env, String id) {
    Run promote = Run.of(env, "model", "promote", id);
    assertThat(promote.code()).as(promote.toString()).isZero();
  }

  /**
   * A copy of a {@link TestData#labelledTsv} with the labels {@code recruitment} and {@code other}
   * swapped: a model trained on it flags ordinary texts and not recruitment ones.
   */
  public static Path swappedLabels(Path corpus, Path out) throws IOException {
    return Files.write(
        out,
        Files.readAllLines(corpus).stream()
            .map(
                l ->
                    l.startsWith("recruitment\t")
                        ? "other" + l.substring("recruitment".length())
                        : l.startsWith("other\t")
                            ? "recruitment" + l.substring("other".length())
                            : l)
            .toList());
  }
}
