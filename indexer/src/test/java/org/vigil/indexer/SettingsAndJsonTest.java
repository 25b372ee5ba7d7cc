package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.FlaggedItem;

/** Settings, secrets, the JSONL format and the spool files; no cluster needed. */
class SettingsAndJsonTest {
  @TempDir Path dir;

  @Test
  void settingsFromEnvironment() {
    EsSettings s =
        EsSettings.fromEnv(
            Map.of(
                "VIGIL_ES_URL", "https://es1:9200/, https://es2:9200",
                "VIGIL_ES_USER", "elastic",
                "VIGIL_ES_PASSWORD", "s3cr3t-pw",
                "VIGIL_ES_CA_CERT", "/etc/ca.pem"));
    assertThat(s.urls()).containsExactly("https://es1:9200", "https://es2:9200");
    assertThat(s.user()).isEqualTo("elastic");
    assertThat(s.password()).isEqualTo("s3cr3t-pw");
    assertThat(s.caCert()).isEqualTo(Path.of("/etc/ca.pem"));
    assertThat(EsSettings.fromEnv(Map.of()).urls()).containsExactly(EsSettings.DEFAULT_URL);
    assertThat(EsSettings.fromEnv(Map.of("VIGIL_ES_API_KEY", "k3y")).apiKey()).isEqualTo("k3y");
    assertThat(s.withUrl("http://127.0.0.1:9201").urls()).containsExactly("http://127.0.0.1:9201");
    assertThat(s.withUrl("http://127.0.0.1:9201").password()).isEqualTo("s3cr3t-pw");
  }

  @Test
  void settingsRejectWrongArgumentsWithoutEchoingSecrets() {
    assertThatThrownBy(() -> EsSettings.of("ftp://x")).hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> EsSettings.of("http://elastic:hunter2@es:9200"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> new EsSettings(List.of("http://es:9200"), "key", "user", "pw", null))
        .hasMessageContaining("either an API key or a user/password");
    assertThatThrownBy(() -> new EsSettings(List.of(), null, null, null, null))
        .hasMessageContaining("at least one");
  }

  @Test
  void secretsNeverAppearInToStringOrLogsOrErrors() throws Exception {
    EsSettings basic = EsSettings.of("http://127.0.0.1:1").withUser("elastic", "s3cr3t-pw");
    EsSettings key = EsSettings.of("http://127.0.0.1:1").withApiKey("QUJDOmRlZg==");
    assertThat(basic.toString()).doesNotContain("s3cr3t-pw").contains("****").contains("elastic");
    assertThat(key.toString()).doesNotContain("QUJDOmRlZg==").contains("****");

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String message;
    IndexStats stats;
    try {
      // Port 1 refuses connections: exercise the failure paths that log and build messages.
      message =
          assertThatThrownBy(() -> VigilIndex.connect(basic, "tsecret"))
              .isInstanceOf(IndexerException.class)
              .actual()
              .getMessage();
      try (VigilIndex idx = VigilIndex.open(key, "tsecret");
          ItemIndexer indexer =
              idx.indexer(
                  IndexerOptions.defaults(dir.resolve("spool"))
                      .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5)))) {
        indexer.add(TestItems.numbered(1));
        indexer.checkpoint();
        stats = indexer.stats();
        assertThat(idx.health()).startsWith("unreachable");
        assertThat(idx.toString())
            .isEqualTo("VigilIndex[http://127.0.0.1:1, alias tsecret-flagged]");
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(message).startsWith("cannot reach Elasticsearch at http://127.0.0.1:1: ");
    assertThat(message).doesNotContain("s3cr3t-pw").doesNotContain("\n");
    assertThat(stats.spooled()).isEqualTo(1);
    assertThat(logs).contains("spooling to"); // the logs were captured ...
    assertThat(logs).doesNotContain("s3cr3t-pw").doesNotContain("QUJDOmRlZg=="); // ... clean
  }

  @Test
  void jsonLinesRoundTripAndBadLinesNameFileAndLine() throws Exception {
    List<FlaggedItem> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(TestItems.numbered(i));
    }
    FlaggedItem withDates =
        new FlaggedItem(
            "abc",
            "src",
            "https://x.example/a?b=c",
            "https://x.example/a",
            "T \"quoted\"",
            "line1\nline2 ünïcødé",
            null,
            Instant.parse("2025-12-31T23:59:59.123Z"),
            Instant.parse("2026-01-01T00:00:00Z"),
            "",
            -42L,
            items.get(0).classification());
    items.add(withDates);
    Path file = dir.resolve("items.jsonl");
    FlaggedItemJson.write(file, items);
    List<FlaggedItem> read = new ArrayList<>();
    assertThat(FlaggedItemJson.read(file, read::add)).isEqualTo(6);
    assertThat(read).isEqualTo(items);
    assertThat(FlaggedItemJson.fromJson(FlaggedItemJson.toJson(withDates))).isEqualTo(withDates);

    Files.writeString(
        file,
        FlaggedItemJson.toJson(items.get(0))
            + "\n\n{\"id\":\"x\",\"sourceId\":\"s\",\"url\":\"u\",\"canonicalUrl\":\"u\","
            + "\"crawledAt\":\"yesterday\",\"classification\":{}}\n");
    assertThatThrownBy(() -> FlaggedItemJson.read(file, item -> {}))
        .isInstanceOf(IndexerException.class)
        .hasMessage(file + ":3: invalid item: field 'score' must be a number");
    assertThatThrownBy(
            () ->
                FlaggedItemJson.fromJson(
                    FlaggedItemJson.toJson(items.get(0)).replace("2026-01-01T00:00", "yesterday")))
        .hasMessageStartingWith("invalid item: field 'crawledAt' is not an ISO-8601 instant");
    assertThatThrownBy(() -> FlaggedItemJson.fromJson("{\"id\":\"x\""))
        .hasMessageStartingWith("invalid item: not JSON");
    assertThatThrownBy(() -> FlaggedItemJson.fromJson("{\"id\":\"x\",\"classification\":{}}"))
        .hasMessageStartingWith("invalid item: ");
    assertThatThrownBy(() -> FlaggedItemJson.read(dir.resolve("missing.jsonl"), item -> {}))
        .hasMessageEndingWith("missing.jsonl: no such file");
  }

  @Test
  void spoolSizeIgnoresATornLastLine() throws Exception {
    Path spool = Files.createDirectories(dir.resolve("spool"));
    String a = FlaggedItemJson.toJson(TestItems.numbered(1));
    String b = FlaggedItemJson.toJson(TestItems.numbered(2));
    Files.writeString(
        spool.resolve("segment-00000000000000000001.jsonl"),
        a + "\n" + b + "\n" + b.substring(0, 40));
    Files.writeString(spool.resolve("segment-00000000000000000002.jsonl"), a + "\n");
    Files.writeString(spool.resolve("unrelated.txt"), "x\n");
    assertThat(Spool.size(spool)).isEqualTo(3);
    assertThat(Spool.bytes(spool)).isGreaterThan(0);
    assertThat(Spool.size(dir.resolve("absent"))).isZero();
  }

  @Test
  void queryAndOptionValidation() {
    assertThat(SearchQuery.parsePeriod("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(SearchQuery.parsePeriod("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(SearchQuery.parsePeriod("2w")).isEqualTo(Duration.ofDays(14));
    assertThatThrownBy(() -> SearchQuery.parsePeriod("seven days"))
        .hasMessage("invalid period 'seven days' (expected e.g. 30m, 12h, 7d, 2w)");
    assertThat(SearchQuery.of("  ").query()).isEqualTo("*");
    assertThatThrownBy(() -> SearchQuery.all().withMinScore(1.5)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> SearchQuery.all().withLimit(0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> IndexerOptions.defaults(null).withConcurrency(0))
        .hasMessageContaining("concurrency");
  }
}
