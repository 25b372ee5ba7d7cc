package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VigilTest {
  private static final String[] COMMANDS = {
    "crawl",
    "schedule",
    "sources",
    "runs",
    "status",
    "classify",
    "train",
    "evaluate",
    "model",
    "extract",
    "search",
    "review",
    "index",
    "replay",
    "es",
    "demo",
    "completion"
  };

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Run run = Run.of(Map.of(), "--help");
    assertThat(run.code()).isZero();
    for (String command : COMMANDS) {
      assertThat(run.out()).containsPattern("(?m)^  " + command + "\\s");
    }
    assertThat(run.out()).contains("Exit codes: 0 ok, 1 failed, 2 usage");
  }

  @Test
  void everyCommandHasHelpWithTheExitCodes() {
    for (String command : COMMANDS) {
      Run run = Run.of(Map.of(), command, "--help");
      assertThat(run.code()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: vigil " + command).contains("Exit codes");
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    Run run = Run.of(Map.of(), "search", "--no-such-flag");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--no-such-flag");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run run = Run.of(Map.of(), "frobnicate");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void badLogFormatIsAUsageError() {
    Run run = Run.of(Map.of(), "--log-format", "xml", "es", "status");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--log-format must be text or json");
  }

  @Test
  void esUrlComesFromTheFlagThenTheEnvironment() {
    Vigil root =
        new Vigil(Map.of("VIGIL_ES_URL", "http://127.0.0.1:1"), java.time.Clock.systemUTC());
    assertThat(root.esUrl()).isEqualTo("http://127.0.0.1:1");
    new picocli.CommandLine(root).parseArgs("--es", "http://127.0.0.1:2");
    assertThat(root.esUrl()).isEqualTo("http://127.0.0.1:2");
  }

  @Test
  void esFlagWorksAfterTheCommandNameToo() {
    Run run =
        Run.of(
            Map.of("VIGIL_HOME", "/nonexistent-vigil-home"),
            "search",
            "--es",
            "http://127.0.0.1:1",
            "*");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("127.0.0.1:1").doesNotContain("starting embedded");
  }

  @Test
  void credentialsAreNeverPrinted() {
    Run run =
        Run.of(
            Map.of(
                "VIGIL_ES_URL", "http://127.0.0.1:1",
                "VIGIL_ES_USER", "elastic",
                "VIGIL_ES_PASSWORD", "s3cret-pass"),
            "runs");
    assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out() + run.err()).doesNotContain("s3cret-pass");
  }
}
