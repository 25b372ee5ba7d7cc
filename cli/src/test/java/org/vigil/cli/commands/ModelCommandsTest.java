package org.vigil.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Run;
import org.vigil.cli.TestData;
import org.vigil.cli.Vigil;
import org.vigil.cli.internal.Json;

/** classify, train, evaluate and model, with a real model trained here. */
class ModelCommandsTest {
  @TempDir static Path dir;
  static Path model;
  static Path data;

  @BeforeAll
  static void trainModel() throws Exception {
    data = TestData.labelledTsv(dir.resolve("train.tsv"), 12);
    model = dir.resolve("model.bin");
    Run run =
        Run.withHome(
            dir.resolve("home"), "train", "--data", data.toString(), "--out", model.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("trained vigil");
    assertThat(model).isRegularFile();
  }

  @Test
  void classifyTsvStreamsOneJsonObjectPerRowInOrder() throws Exception {
    Path tsv = dir.resolve("in.tsv");
    List<String> lines = new ArrayList<>();
    lines.add("id\tbody");
    for (int i = 0; i < 300; i++) {
      lines.add(i + "\t" + (i % 2 == 0 ? TestData.recruitment() : TestData.ordinary()));
    }
    Files.write(tsv, lines);
    Run run =
        Run.withHome(
            dir.resolve("home"),
            "classify",
            "--tsv",
            tsv.toString(),
            "--text-column",
            "body",
            "--model",
            model.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String[] out = run.out().strip().split("\\R");
    assertThat(out).hasSize(300);
    for (int i = 0; i < out.length; i++) {
      JsonNode json = Json.mapper().readTree(out[i]);
      assertThat(json.get("row").asInt()).isEqualTo(i + 1);
      assertThat(json.get("model").asText()).startsWith("vigil");
      assertThat(json.has("score") && json.has("category") && json.has("language")).isTrue();
      assertThat(json.get("indicators").isArray()).isTrue();
    }
    JsonNode recruit = Json.mapper().readTree(out[0]);
    JsonNode ordinary = Json.mapper().readTree(out[1]);
    assertThat(recruit.get("score").asDouble()).isGreaterThan(ordinary.get("score").asDouble());
    assertThat(recruit.get("category").asText()).isEqualTo("recruitment");
    assertThat(ordinary.get("flagged").asBoolean()).isFalse();
  }

  @Test
  void classifyStdin() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Vigil(Map.of("VIGIL_HOME", dir.resolve("home").toString()), Clock.systemUTC())
            .withStdin(
                new ByteArrayInputStream(TestData.recruitment().getBytes(StandardCharsets.UTF_8)))
            .execute(
                new PrintWriter(out),
                new PrintWriter(err),
                "classify",
                "--model",
                model.toString(),
                "-");
    assertThat(code).as(err.toString()).isZero();
    JsonNode json = Json.mapper().readTree(out.toString().strip());
    assertThat(json.get("row").asInt()).isEqualTo(1);
    assertThat(json.get("category").asText()).isEqualTo("recruitment");
  }

  @Test
  void classifyBinaryStdinIsAUsageError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Vigil(Map.of(), Clock.systemUTC())
            .withStdin(new ByteArrayInputStream(new byte[] {'a', 0, 'b'}))
            .execute(
                new PrintWriter(out),
                new PrintWriter(err),
                "classify",
                "--model",
                model.toString(),
                "-");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("binary").doesNotContain("\tat ");
  }

  @Test
  void classifyBadInputsGiveOneLineErrorsAndExit2() throws Exception {
    Path noColumn = Files.writeString(dir.resolve("nocol.tsv"), "id\tbody\n1\thello\n");
    Path empty = Files.writeString(dir.resolve("empty.tsv"), "");
    Path binary =
        Files.write(
            dir.resolve("bin.tsv"), new byte[] {'t', 'e', 'x', 't', '\n', 0, 1, 2, (byte) 0xff});
    Path wrongModel = Files.writeString(dir.resolve("wrong.bin"), "not a model");
    String m = model.toString();
    for (String[] args :
        List.of(
            new String[] {"classify", "--model", m, "--tsv", noColumn.toString()},
            new String[] {"classify", "--model", m, "--tsv", empty.toString()},
            new String[] {"classify", "--model", m, "--tsv", binary.toString()},
            new String[] {"classify", "--model", m, "--tsv", dir.resolve("missing.tsv").toString()},
            new String[] {
              "classify", "--model", wrongModel.toString(), "--tsv", noColumn.toString()
            })) {
      Run run = Run.of(Map.of(), args);
      assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err().strip().lines().count()).as(run.toString()).isEqualTo(1);
    }
  }

  @Test
  void evaluatePrintsMetricsAndCrossValidates() {
    Run run = Run.of(Map.of(), "evaluate", "--data", data.toString(), "--model", model.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("macro-F1");
    Run cv = Run.of(Map.of(), "evaluate", "--data", data.toString(), "--folds", "3", "--json");
    assertThat(cv.code()).as(cv.toString()).isZero();
    assertThat(cv.out()).contains("\"macroF1\"");
  }

  @Test
  void registryListPromoteRollbackAndClassifyUsesTheActiveModel() throws Exception {
    Path home = dir.resolve("registry-home");
    Run list0 = Run.withHome(home, "model", "list");
    assertThat(list0.out()).contains("no registered models");
    assertThat(Run.withHome(home, "model", "list", "--json").out()).isEmpty();

    Run t1 =
        Run.withHome(home, "train", "--data", data.toString(), "--register", "--name", "first");
    assertThat(t1.code()).as(t1.toString()).isZero();
    Path data2 = TestData.labelledTsv(dir.resolve("train2.tsv"), 8);
    Run t2 =
        Run.withHome(home, "train", "--data", data2.toString(), "--register", "--name", "second");
    assertThat(t2.code()).as(t2.toString()).isZero();
    String id1 = t1.out().split(" ")[1];
    String id2 = t2.out().split(" ")[1];

    assertThat(Run.withHome(home, "model", "promote", id1).code()).isZero();
    assertThat(Run.withHome(home, "model", "promote", id2).code()).isZero();
    Run list = Run.withHome(home, "model", "list");
    assertThat(list.out()).containsPattern("\\* " + id2).containsPattern("  " + id1);
    Run listJson = Run.withHome(home, "model", "list", "--json");
    assertThat(listJson.code()).as(listJson.toString()).isZero();
    String[] models = listJson.out().strip().split("\\R");
    assertThat(models).hasSize(2);
    var first = org.vigil.cli.internal.Json.mapper().readTree(models[0]);
    var second = org.vigil.cli.internal.Json.mapper().readTree(models[1]);
    assertThat(first.get("id").asText()).isEqualTo(id1);
    assertThat(first.get("active").asBoolean()).isFalse();
    assertThat(second.get("id").asText()).isEqualTo(id2);
    assertThat(second.get("active").asBoolean()).isTrue();
    assertThat(java.time.Instant.parse(second.get("registered").asText())).isNotNull();
    assertThat(second.get("macro_f1").isNumber() || second.get("macro_f1").isNull()).isTrue();

    Run stdin = Run.withHome(home, "classify", "--tsv", data.toString());
    assertThat(stdin.code()).as(stdin.toString()).isZero();
    assertThat(stdin.out()).contains("\"model\":\"" + id2 + "\"");

    Run rollback = Run.withHome(home, "model", "rollback");
    assertThat(rollback.out()).contains("active model: " + id1);
    Run packaged = Run.withHome(home, "model", "rollback");
    assertThat(packaged.out())
        .contains("active model: vigil-default-")
        .contains("packaged default");
    assertThat(Run.withHome(home, "model", "list").out())
        .doesNotContain("* ")
        .contains("(none active: the packaged default model is used)");
    assertThat(Run.withHome(home, "model", "rollback").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(Run.withHome(home, "model", "promote", "nope").code()).isEqualTo(ExitCodes.USAGE);
    Run misplaced =
        Run.withHome(
            home, "train", "--data", data.toString(), "--register", "--training", home.toString());
    assertThat(misplaced.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(misplaced.err()).contains("--training and --corpus go with --from-reviews");
  }
}
