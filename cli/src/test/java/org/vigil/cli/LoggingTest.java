package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vigil.cli.internal.Json;
import org.vigil.cli.internal.Logging;

class LoggingTest {
  @Test
  void logFormatJsonWritesOneJsonObjectPerLineAndNoisyLibrariesAreQuiet() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Run run = Run.of(Map.of(), "--log-format", "json", "--help");
      assertThat(run.code()).isZero();
      assertThat(Logging.format()).isEqualTo("json");
      LoggerFactory.getLogger("org.vigil.cli.Test").info("run summary {}", 42);
      LoggerFactory.getLogger("org.apache.hc.client5.http.wire").info("wire noise");
      LoggerFactory.getLogger("co.elastic.clients.transport").info("client noise");
    } finally {
      Logging.configure("text");
      System.setErr(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    assertThat(out).doesNotContain("noise");
    String line = out.lines().filter(l -> l.contains("run summary")).findFirst().orElseThrow();
    var json = Json.mapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("run summary 42");
  }
}
