package org.vigil.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Run;

/** {@code vigil completion}: the script really completes in bash. */
class CompletionCommandTest {
  @TempDir Path dir;

  /** What bash offers for the words typed so far (the last one being completed). */
  private String complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    String probe =
        "source '"
            + script
            + "'\nCOMP_WORDS=("
            + line
            + ")\nCOMP_CWORD="
            + (words.length - 1)
            + "\nCOMP_LINE='"
            + line
            + "'\nCOMP_POINT="
            + line.length()
            + "\n_complete_vigil\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash =
        new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe)
            .redirectError(ProcessBuilder.Redirect.DISCARD) // compopt: only inside real completion
            .start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void theBashScriptCompletesCommandsSubcommandsAndOptions() throws Exception {
    Run run = Run.of(Map.of(), "completion", "bash");
    assertThat(run.code()).as(run.toString()).isZero();
    Path script = Files.writeString(dir.resolve("vigil.bash"), run.out());

    assertThat(complete(script, "vigil", "cr").lines()).containsExactly("crawl");
    assertThat(complete(script, "vigil", "model", "pro").lines()).containsExactly("promote");
    assertThat(complete(script, "vigil", "crawl", "--thr").lines()).containsExactly("--threads");
    assertThat(complete(script, "vigil", "sources", "").lines()).contains("validate", "list");
  }

  @Test
  void theZshScriptLoadsBashCompletionFirstAndAnOtherShellIsAUsageError() {
    Run zsh = Run.of(Map.of(), "completion", "zsh");
    assertThat(zsh.code()).isZero();
    assertThat(zsh.out())
        .startsWith("autoload -U +X compinit && compinit")
        .contains("bashcompinit");
    assertThat(zsh.out()).contains("complete -F _complete_vigil");

    Run fish = Run.of(Map.of(), "completion", "fish");
    assertThat(fish.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(fish.err()).startsWith("vigil completion: ").contains("fish");
  }
}
