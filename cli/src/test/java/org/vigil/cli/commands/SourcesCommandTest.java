package org.vigil.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Run;
import org.vigil.cli.internal.Json;

class SourcesCommandTest {
  @TempDir Path dir;

  static final String VALID =
      """
      allow_private_networks: false
      user_agent: "VigilBot/1.0 (+https://example.org/contact)"
      sources:
        - id: example-forum
          type: web
          seeds: ["https://forum.example.org/"]
          scope: {hosts: ["forum.example.org"], include: [], exclude: ["/login"]}
          max_depth: 5
          max_pages: 100
          politeness_ms: 1000
          schedule: "0 */6 * * *"
          flag_threshold: 0.5
          scoring: semantic
        - id: news-feed
          type: feed
          seeds: ["https://news.example.org/rss.xml"]
      """;

  @Test
  void validConfigIsOkAndListed() throws Exception {
    Path file = Files.writeString(dir.resolve("sources.yml"), VALID);
    Run validate = Run.of(Map.of(), "sources", "validate", "--config", file.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();
    assertThat(validate.out()).contains(": ok");

    Run list = Run.of(Map.of(), "sources", "list", "--config", file.toString());
    assertThat(list.code()).as(list.toString()).isZero();
    assertThat(list.out())
        .containsPattern(
            "example-forum\\s+web\\s+0 \\*/6 \\* \\* \\*\\s+5\\s+100\\s+0.5\\s+semantic\\s+https")
        .containsPattern("news-feed\\s+feed\\s+-\\s+\\d+\\s+\\d+\\s+-\\s+maxent\\s+https");
  }

  @Test
  void listAsJsonHasOneObjectPerSource() throws Exception {
    Path file = Files.writeString(dir.resolve("sources.yml"), VALID);
    Run list = Run.of(Map.of(), "sources", "list", "--config", file.toString(), "--json");
    assertThat(list.code()).as(list.toString()).isZero();
    List<String> lines = list.out().strip().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode forum = Json.mapper().readTree(lines.get(0));
    assertThat(forum.get("id").asText()).isEqualTo("example-forum");
    assertThat(forum.get("schedule").asText()).isEqualTo("0 */6 * * *");
    assertThat(forum.get("timezone").isNull()).isTrue();
    assertThat(forum.get("max_pages").asInt()).isEqualTo(100);
    assertThat(forum.get("flag_threshold").asDouble()).isEqualTo(0.5);
    assertThat(Json.mapper().readTree(lines.get(1)).get("flag_threshold").isNull()).isTrue();
    assertThat(forum.get("scoring").asText()).isEqualTo("semantic");
    assertThat(Json.mapper().readTree(lines.get(1)).get("scoring").asText()).isEqualTo("maxent");
    assertThat(forum.get("seeds").get(0).asText()).isEqualTo("https://forum.example.org/");
    assertThat(Json.mapper().readTree(lines.get(1)).get("type").asText()).isEqualTo("feed");
  }

  @Test
  void everyErrorIsReportedWithFileLineAndFieldAndExit2() throws Exception {
    String broken =
        VALID
            .replace("max_depth: 5", "max_depth: -1")
            .replace("politeness_ms: 1000", "politness_ms: 1000");
    Path file = Files.writeString(dir.resolve("broken.yml"), broken);
    Run run = Run.of(Map.of(), "sources", "validate", "--config", file.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(file + ":8: sources[0].max_depth");
    assertThat(run.err()).containsPattern(file + ":10: sources\\[0\\]\\.politness_ms");
  }

  @Test
  void anUnknownScoringIsAnErrorAtItsLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("s.yml"), VALID.replace("scoring: semantic", "scoring: deep"));
    Run run = Run.of(Map.of(), "sources", "validate", "--config", file.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(file + ":13: sources[0].scoring: 'deep' is not one of maxent, semantic");
  }

  @Test
  void invalidCronIsReportedAtItsLine() throws Exception {
    Path file =
        Files.writeString(dir.resolve("cron.yml"), VALID.replace("0 */6 * * *", "61 * * * *"));
    Run run = Run.of(Map.of(), "sources", "validate", "--config", file.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(file + ":11: sources[0].schedule: invalid cron expression");
  }

  @Test
  void cronErrorsAreReportedWithEveryOtherError() throws Exception {
    String broken =
        VALID.replace("max_depth: 5", "max_depth: -1").replace("0 */6 * * *", "61 * * * *");
    Path file = Files.writeString(dir.resolve("both.yml"), broken);
    Run run = Run.of(Map.of(), "sources", "validate", "--config", file.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(file + ":8: sources[0].max_depth")
        .contains(file + ":11: sources[0].schedule: invalid cron expression '61 * * * *'")
        .contains(file + ": 2 problem(s)");
  }

  @Test
  void macrosAndAnIanaTimezoneAreValidAndWrongOnesAreErrorsAtTheirLine() throws Exception {
    String macro = VALID.replace("\"0 */6 * * *\"", "\"@daily\"\n    timezone: Europe/Berlin");
    Path ok = Files.writeString(dir.resolve("macro.yml"), macro);
    Run valid = Run.of(Map.of(), "sources", "validate", "--config", ok.toString());
    assertThat(valid.code()).as(valid.toString()).isZero();
    Run list = Run.of(Map.of(), "sources", "list", "--config", ok.toString());
    assertThat(list.out()).containsPattern("example-forum\\s+web\\s+@daily Europe/Berlin");

    String wrong = VALID.replace("\"0 */6 * * *\"", "\"@reboot\"\n    timezone: Mars/Olympus_Mons");
    Path bad = Files.writeString(dir.resolve("wrong.yml"), wrong);
    Run run = Run.of(Map.of(), "sources", "validate", "--config", bad.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(bad + ":11: sources[0].schedule: unknown macro '@reboot' (one of @annually,")
        .contains(bad + ":12: sources[0].timezone: 'Mars/Olympus_Mons' is not a time zone");
  }

  @Test
  void theExampleInTheRepositoryIsValidAndHasOneSourceOfEachType() throws Exception {
    Path example = Path.of("..", "examples", "sources.yml"); // tests run in the cli module
    Run validate = Run.of(Map.of(), "sources", "validate", "--config", example.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();
    Run list = Run.of(Map.of(), "sources", "list", "--config", example.toString(), "--json");
    assertThat(list.code()).as(list.toString()).isZero();
    List<String> types = new java.util.ArrayList<>();
    for (String line : list.out().strip().split("\\R")) {
      types.add(Json.mapper().readTree(line).get("type").asText());
    }
    assertThat(types).containsExactly("web", "sitemap", "feed");
    assertThat(Files.readString(Path.of("..", "README.md"))).contains("examples/sources.yml");
  }

  @Test
  void missingFileIsAUsageError() {
    Run run = Run.of(Map.of(), "sources", "list", "--config", dir.resolve("nope.yml").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("nope.yml");
  }
}
