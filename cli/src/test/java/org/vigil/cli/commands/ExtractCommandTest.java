package org.vigil.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Run;
import org.vigil.cli.internal.Json;

class ExtractCommandTest {
  @TempDir Path dir;

  private static final String ARTICLE =
      "<html lang=en><head><title>Library reopens</title>"
          + "<meta name=author content='Ann Writer'></head><body>"
          + "<nav><a href=/>Home</a> <a href=/news>News</a></nav><article>"
          + "<h1>Library reopens</h1>"
          + "<p>The town library reopened on Monday after a year of renovation works, with a new"
          + " reading room, longer opening hours and a children's corner full of picture books.</p>"
          + "<p>Volunteers helped move twenty thousand books back onto the shelves over the weekend,"
          + " and the mayor thanked everyone who donated to the restoration fund.</p>"
          + "</article><footer>Copyright Town Gazette</footer></body></html>";

  @Test
  void directoryMeansEveryHtmlFileSortedAndBadFilesBecomeErrorObjects() throws Exception {
    Files.writeString(dir.resolve("b-article.html"), ARTICLE);
    Files.write(dir.resolve("a-binary.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
    Files.writeString(dir.resolve("notes.txt"), "not html");
    Run run =
        Run.of(
            Map.of(), "extract", "--json", dir.toString(), dir.resolve("missing.html").toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
    String[] lines = run.out().strip().split("\\R");
    assertThat(lines).hasSize(3);
    JsonNode binary = Json.mapper().readTree(lines[0]);
    assertThat(binary.get("file").asText()).endsWith("a-binary.html");
    assertThat(binary.get("error").asText()).isNotBlank();
    JsonNode article = Json.mapper().readTree(lines[1]);
    assertThat(article.get("file").asText()).endsWith("b-article.html");
    assertThat(article.get("title").asText()).isEqualTo("Library reopens");
    assertThat(article.get("text").asText())
        .contains("twenty thousand books")
        .doesNotContain("Copyright");
    assertThat(article.get("author").asText()).isEqualTo("Ann Writer");
    assertThat(article.get("passages").isArray()).isTrue();
    JsonNode missing = Json.mapper().readTree(lines[2]);
    assertThat(missing.get("file").asText()).endsWith("missing.html");
    assertThat(missing.get("error").asText()).isEqualTo("no such file"); // not just its name
  }

  @Test
  void readableRenderingWithoutJson() throws Exception {
    Path file = dir.resolve("article.html");
    Files.writeString(file, ARTICLE);
    Run run = Run.of(Map.of(), "extract", file.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("== " + file).contains("title:     Library reopens");
    assertThat(run.out()).contains("reading room");
  }

  @Test
  void emptyDirectoryIsAUsageError() {
    Run run = Run.of(Map.of(), "extract", dir.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no *.html files");
  }
}
