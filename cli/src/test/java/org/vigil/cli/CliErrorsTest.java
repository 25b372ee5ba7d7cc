package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.cli.internal.Pipeline;

/** One-line errors that name the whole command, and the documented exit codes for bad input. */
class CliErrorsTest {
  /** Nothing listens here: a command that contacted Elasticsearch would fail with exit 1. */
  private static final String NO_ES = "http://127.0.0.1:1";

  @TempDir Path home;

  private Run vigil(String... args) {
    return Run.of(Map.of("VIGIL_HOME", home.toString(), "VIGIL_ES_URL", NO_ES), args);
  }

  @Test
  void errorLinesNameTheWholeCommand() {
    Run promote = vigil("model", "promote", "no-such-model");
    assertThat(promote.code()).as(promote.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(promote.err()).startsWith("vigil model promote: ");

    Run list = vigil("sources", "list", "--config", home.resolve("nope.yml").toString());
    assertThat(list.err()).startsWith("vigil sources list: ");
  }

  @Test
  void aUsageErrorIsOneLineAndWhereTheHelpIs() {
    Run run = vigil("crawl", "--no-such-flag");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip().lines())
        .containsExactly(
            "vigil crawl: Unknown option: '--no-such-flag'", "see 'vigil crawl --help'");
    assertThat(run.out()).isEmpty();

    Run sub = vigil("model", "promote");
    assertThat(sub.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(sub.err()).startsWith("vigil model promote: ").contains("'ID'");
    assertThat(sub.err()).endsWith("see 'vigil model promote --help'" + System.lineSeparator());
    assertThat(sub.err()).doesNotContain("Usage:");
  }

  @Test
  void anUnknownCommandIsAnErrorEvenWithHelp() {
    Run run = vigil("frobnicate", "--help");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip().lines())
        .containsExactly("vigil: unknown command 'frobnicate'", "see 'vigil --help'");
    assertThat(run.out()).doesNotContain("Usage:");
    assertThat(vigil("frobnicate").err()).startsWith("vigil: unknown command 'frobnicate'");

    Run sub = vigil("model", "frobnicate", "--help");
    assertThat(sub.code()).as(sub.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(sub.err()).startsWith("vigil model: unknown command 'frobnicate'");
  }

  @Test
  void classifyOfANonHttpUrlIsAUsageError() {
    Run run = vigil("classify", "--url", "ftp://x");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip().lines())
        .containsExactly(
            "vigil classify: --url ftp://x: only http and https URLs can be fetched",
            "see 'vigil classify --help'");
  }

  @Test
  void optionValuesACommandRefusesAreUsageErrorsWithWhereTheHelpIs() {
    String[][] cases = {
      {"runs", "--last", "0"},
      {"review", "--queue", "--limit", "0"},
      {"review", "some-id"},
      {"search", "x", "--since", "yesterday"},
      {"spread", "--since", "3x"},
      {"report", "--out", "r.html", "--items", "0"},
      {"classify", "--threshold", "1.5", "-"},
    };
    for (String[] args : cases) {
      Run run = vigil(args);
      assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err().strip().lines())
          .as(run.toString())
          .hasSize(2)
          .last()
          .isEqualTo("see 'vigil " + args[0] + " --help'");
      assertThat(run.err()).as(run.toString()).doesNotContain(NO_ES);
    }
  }

  @Test
  void classifyAtAnotherThresholdSaysSoInTheModelVersion() throws Exception {
    Path tsv = Files.writeString(home.resolve("t.tsv"), "text\n" + TestData.ordinary() + "\n");
    Run atModel = vigil("classify", "--tsv", tsv.toString());
    Run low = vigil("classify", "--tsv", tsv.toString(), "--threshold", "0.001");
    assertThat(low.code()).as(low.toString()).isZero();
    var plain = org.vigil.cli.internal.Json.mapper().readTree(atModel.lastLine());
    var lowered = org.vigil.cli.internal.Json.mapper().readTree(low.lastLine());
    assertThat(plain.get("flagged").asBoolean()).isFalse();
    assertThat(lowered.get("flagged").asBoolean()).isTrue();
    assertThat(lowered.get("score").asDouble()).isEqualTo(plain.get("score").asDouble());
    assertThat(lowered.get("model").asText()).isEqualTo(plain.get("model").asText() + "@0.001");
  }

  @Test
  void classifyWithTheSemanticStageNamesItInTheModelVersionAndScoresOnlyWhatTheModelScreens()
      throws Exception {
    Path tsv =
        Files.writeString(
            home.resolve("t.tsv"),
            "text\n" + TestData.recruitment() + "\n" + TestData.ordinary() + "\n");
    Run plain = vigil("classify", "--tsv", tsv.toString());
    Run semantic = vigil("classify", "--tsv", tsv.toString(), "--semantic");

    assertThat(semantic.code()).as(semantic.toString()).isZero();
    assertThat(semantic.err()).isEmpty(); // no library chatter on stderr
    List<JsonNode> before = jsonLines(plain);
    List<JsonNode> after = jsonLines(semantic);
    assertThat(after).hasSize(2);
    assertThat(after.get(0).get("model").asText())
        .startsWith(before.get(0).get("model").asText() + "+e5-small-v2-q-")
        .matches("vigil-default-[0-9a-f]{12}\\+e5-small-v2-q-[0-9a-f]{12}");
    assertThat(after.get(0).get("score").asDouble())
        .isNotEqualTo(before.get(0).get("score").asDouble()); // screened: mean of both stages
    assertThat(after.get(1).get("score").asDouble())
        .isEqualTo(before.get(1).get("score").asDouble()); // below the screen: the model's
  }

  @Test
  void theSemanticStageRefusesAModelItWasNotCalibratedForAndCrossValidation() throws Exception {
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    Path model = home.resolve("m.bin");
    Run train = vigil("train", "--data", corpus.toString(), "--out", model.toString());
    assertThat(train.code()).as(train.toString()).isZero();

    Run other = vigil("classify", "--model", model.toString(), "--semantic", "-");
    assertThat(other.code()).as(other.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(other.err().strip().lines())
        .first()
        .asString()
        .startsWith("vigil classify: semantic stage e5-small-v2-q-")
        .contains("was calibrated for model vigil-default-")
        .endsWith("(the stage is calibrated for the default model)");
    Run folds = vigil("evaluate", "--data", corpus.toString(), "--folds", "3", "--semantic");
    assertThat(folds.code()).as(folds.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(folds.err())
        .startsWith(
            "vigil evaluate: --semantic evaluates the shipped stage; it cannot be cross-validated");
  }

  @Test
  void evaluateByASourceColumnGivesRecallAndFalsePositiveRatePerSource() throws Exception {
    Path tsv =
        Files.writeString(
            home.resolve("e.tsv"),
            "label\tsource\ttext\n"
                + "recruitment\tforum\t"
                + TestData.recruitment()
                + "\n"
                + "other\tforum\t"
                + TestData.ordinary()
                + "\n"
                + "other\tnews\t"
                + TestData.ordinary()
                + "\n");
    Run text = vigil("evaluate", "--data", tsv.toString(), "--by", "source");
    Run json = vigil("evaluate", "--data", tsv.toString(), "--by", "source", "--json");

    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out())
        .containsPattern("forum\\s+extremist\\s+1\\s+1\\s+recall 1.000")
        .containsPattern("forum\\s+other\\s+1\\s+0\\s+false-positive rate 0.000")
        .containsPattern("news\\s+other\\s+1\\s+0\\s+false-positive rate 0.000");
    JsonNode bySource = org.vigil.cli.internal.Json.mapper().readTree(json.out()).get("by_source");
    assertThat(bySource).hasSize(3);
    assertThat(bySource.get(0).get("source").asText()).isEqualTo("forum");
    assertThat(bySource.get(0).get("kind").asText()).isEqualTo("extremist");
    assertThat(bySource.get(0).get("recall").asDouble()).isEqualTo(1.0);
    assertThat(bySource.get(2).get("false_positive_rate").asDouble()).isZero();

    Run missing = vigil("evaluate", "--data", tsv.toString(), "--by", "site");
    assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).startsWith("vigil evaluate: --by site: ").contains("site");
    Run folds = vigil("evaluate", "--data", tsv.toString(), "--by", "source", "--folds", "2");
    assertThat(folds.code()).as(folds.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(folds.err()).startsWith("vigil evaluate: --by reports a model's flags");
  }

  private static List<JsonNode> jsonLines(Run run) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : run.out().strip().split("\\R")) {
      out.add(org.vigil.cli.internal.Json.mapper().readTree(line));
    }
    return out;
  }

  @Test
  void aConfigurationErrorHasNoHelpLine() {
    Run run = vigil("sources", "list", "--config", home.resolve("nope.yml").toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void indexOfAMissingFileIsAUsageErrorBeforeElasticsearchIsContacted() {
    Path missing = home.resolve("missing.jsonl");
    Run run = vigil("index", "--input", missing.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--input " + missing + ": no such file").doesNotContain(NO_ES);
  }

  @Test
  void aMissingConfigFileSaysNoSuchFile() {
    Path missing = home.resolve("nope.yml");
    for (String[] args :
        new String[][] {
          {"crawl", "--config", missing.toString()},
          {"sources", "validate", "--config", missing.toString()},
          {"schedule", "--config", missing.toString()}
        }) {
      Run run = vigil(args);
      assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err())
          .as(args[0])
          .endsWith(": --config " + missing + ": no such file" + System.lineSeparator())
          .doesNotContain("cannot read");
    }
  }

  @Test
  void aCommaSeparatedFileGivenToTsvGetsAHint() throws Exception {
    Path csv = Files.writeString(home.resolve("posts.csv"), "id,text\n1,hello there\n");
    Run run = vigil("classify", "--tsv", csv.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("missing column 'text'")
        .contains("comma-separated: --tsv needs tab-separated columns");

    Path tsv = Files.writeString(home.resolve("posts.tsv"), "id\tbody\n1\thello, there\n");
    Run noHint = vigil("classify", "--tsv", tsv.toString());
    assertThat(noHint.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noHint.err()).contains("missing column 'text'").doesNotContain("comma-separated");
  }

  @Test
  void collectedTextWithAReplacementCharacterIsClassifiedAndInvalidUtf8IsNamed() throws Exception {
    Path web =
        Files.writeString(
            home.resolve("web.tsv"), "text\nthe page said \uFFFD here\nand the next row\n");
    Run run = vigil("classify", "--tsv", web.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out().lines()).hasSize(2);

    Path bad = home.resolve("bad.tsv");
    Files.write(bad, new byte[] {'t', 'e', 'x', 't', '\n', 'o', 'k', '\n', 'a', (byte) 0xff, '\n'});
    Run invalid = vigil("classify", "--tsv", bad.toString());
    assertThat(invalid.code()).as(invalid.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(invalid.err()).contains(bad + ":3: binary data (invalid UTF-8)");
  }

  @Test
  void anInvalidLogFormatInTheEnvironmentIsRejectedLikeTheFlag() {
    Map<String, String> env = new HashMap<>(Map.of("VIGIL_HOME", home.toString()));
    env.put("VIGIL_LOG_FORMAT", "xml");
    Run run = Run.of(env, "model", "list");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("VIGIL_LOG_FORMAT must be text or json, was 'xml'");

    env.put("VIGIL_LOG_FORMAT", "text");
    assertThat(Run.of(env, "model", "list").code()).isZero();
  }

  @Test
  void cannotRecordRunIsLoggedOncePerRunWhenElasticsearchIsDown() throws Exception {
    // A source whose only seed refuses connections: the crawl runs (and fails) without ES.
    Path config =
        Files.writeString(
            home.resolve("sources.yml"),
            """
            allow_private_networks: true
            sources:
              - id: one
                type: web
                seeds: ["http://127.0.0.1:1/"]
                max_retries: 0
              - id: two
                type: web
                seeds: ["http://127.0.0.1:1/two"]
                max_retries: 0
            """);
    Logger logger = (Logger) LoggerFactory.getLogger(Pipeline.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      Run run = vigil("crawl", "--config", config.toString());
      assertThat(run.out()).as(run.toString()).contains("crawl one:").contains("crawl two:");
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(
            appender.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("cannot record run"))
                .map(e -> e.getFormattedMessage().split(" ")[3]))
        .as("one warning per run")
        .hasSize(2)
        .doesNotHaveDuplicates();
  }
}
