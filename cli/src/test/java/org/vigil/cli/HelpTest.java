package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cli.internal.RunJson;
import org.vigil.model.CrawlStats;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help: complete summaries, defaults, examples, --es only where it is used. */
class HelpTest {
  /**
   * The commands and subcommands of this version. An explicit list, not VigilTest's: a command
   * added elsewhere gets its examples and summary checked when it is added here.
   */
  private static final List<String> COMMANDS =
      List.of(
          "crawl",
          "schedule",
          "sources",
          "sources validate",
          "sources list",
          "runs",
          "status",
          "classify",
          "train",
          "evaluate",
          "model",
          "model list",
          "model promote",
          "model rollback",
          "extract",
          "search",
          "review",
          "index",
          "replay",
          "es",
          "es status",
          "es start",
          "es stop",
          "es setup",
          "demo",
          "completion");

  /** The commands that never talk to Elasticsearch; every other command takes --es. */
  private static final List<String> WITHOUT_ES =
      List.of(
          "sources",
          "sources validate",
          "sources list",
          "classify",
          "evaluate",
          "model",
          "model list",
          "model promote",
          "model rollback",
          "extract",
          "es",
          "es start",
          "es stop",
          "completion");

  private static CommandSpec spec(String command) {
    CommandLine cli =
        new Vigil(Map.of(), Clock.systemUTC())
            .commandLine(
                new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
    for (String name : command.split(" ")) {
      cli = cli.getSubcommands().get(name);
    }
    return cli.getCommandSpec();
  }

  private static String help(String command) {
    Run run = Run.of(Map.of(), (command + " --help").split(" "));
    assertThat(run.code()).as(command).isZero();
    return run.out();
  }

  @Test
  void everyCommandHasACompleteOneSentenceSummaryExamplesAndTheExitCodes() {
    for (String command : COMMANDS) {
      String summary = spec(command).usageMessage().description()[0];
      assertThat(summary).as(command).endsWith(".");
      String help = help(command);
      assertThat(help).as(command).contains("Examples:%n  ".formatted());
      assertThat(help.indexOf("Examples:")).as(command).isLessThan(help.indexOf("Exit codes"));
    }
    assertThat(help("completion")).contains("  source <(./vigil completion bash)");
  }

  @Test
  void everyOptionWithADefaultValueShowsIt() {
    for (String command : COMMANDS) {
      for (OptionSpec option : spec(command).options()) {
        if (option.defaultValue() != null || option.longestName().equals("--threads")) {
          assertThat(String.join(" ", option.description()))
              .as(command + " " + option.longestName())
              .contains("default");
        }
      }
    }
  }

  @Test
  void searchShowsItsQueryAsOptionalAndCrawlListsEveryJsonField() {
    assertThat(help("search")).contains("[QUERY]");
    String crawl = help("crawl").replaceAll("\\s+", " ");
    CrawlStats zero = new CrawlStats(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
    for (String key : RunJson.stats(zero).keySet()) {
      assertThat(crawl).as(key).contains(key);
    }
    assertThat(crawl).contains("cleared").contains("gone").contains("unsupported_language");
  }

  @Test
  void esIsAnOptionOfTheCommandsThatUseElasticsearchOnly() {
    for (String command : COMMANDS) {
      boolean hasEs = spec(command).findOption("--es") != null;
      assertThat(hasEs).as(command).isEqualTo(!WITHOUT_ES.contains(command));
    }
    Run extract = Run.of(Map.of(), "extract", "--es", "http://127.0.0.1:1", "page.html");
    assertThat(extract.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(extract.err()).startsWith("vigil extract: Unknown option: '--es'");
  }
}
