package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;

/**
 * {@code vigil es setup}, {@code vigil es status} and {@code vigil status} against the real test
 * cluster (the build runs this against Elasticsearch 9.x and 8.x): the version checked at connect
 * time is shown, and setup leaves templates, the write alias and the run index in place.
 */
@ExtendWith(ElasticsearchExtension.class)
class EsSetupAndVersionTest {
  @TempDir Path home;
  private final TestElasticsearch es;
  private final String prefix = "setuptest-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();

  EsSetupAndVersionTest(TestElasticsearch es) {
    this.es = es;
  }

  @AfterEach
  void dropIndices() throws Exception {
    TestIndices.drop(es.url(), prefix);
  }

  private Run vigil(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HOME", home.toString());
    env.put("VIGIL_ES_URL", es.url());
    env.put("VIGIL_ES_PREFIX", prefix);
    return Run.of(env, args);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(es.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  @Test
  void esSetupInstallsTemplatesAliasAndRunIndexIdempotently() throws Exception {
    for (int i = 0; i < 2; i++) {
      Run setup = vigil("es", "setup");
      assertThat(setup.code()).as(setup.toString()).isZero();
      assertThat(setup.out())
          .contains("set up " + prefix + "-flagged and " + prefix + "-runs at " + es.url());
    }
    JsonNode template = get("/_index_template/" + prefix + "-flagged");
    assertThat(
            template.path("index_templates").get(0).path("index_template").path("index_patterns"))
        .hasToString("[\"" + prefix + "-flagged-*\"]");
    JsonNode alias = get("/_alias/" + prefix + "-flagged");
    assertThat(alias.path(prefix + "-flagged-000001").path("aliases").path(prefix + "-flagged"))
        .hasToString("{\"is_write_index\":true}");
    JsonNode mapping = get("/" + prefix + "-flagged/_mapping");
    assertThat(
            mapping
                .path(prefix + "-flagged-000001")
                .path("mappings")
                .path("properties")
                .path("vigil")
                .path("properties")
                .path("gone_at")
                .path("type")
                .asText())
        .isEqualTo("date");
    assertThat(get("/" + prefix + "-runs/_mapping").has(prefix + "-runs")).isTrue();
  }

  @Test
  void statusCommandsShowTheServerVersion() throws Exception {
    String version =
        es.version()
            .orElse(
                get("/_nodes/_all/_none").path("nodes").elements().next().path("version").asText());
    Run esStatus = vigil("es", "status");
    assertThat(esStatus.code()).as(esStatus.toString()).isZero();
    assertThat(esStatus.out())
        .containsPattern(
            "\\Q" + es.url() + ": Elasticsearch " + version + ", \\E(green|yellow) \\(cluster ");
    Run status = vigil("status");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out())
        .containsPattern(
            "elasticsearch: \\Q" + es.url() + " Elasticsearch " + version + ", \\E(green|yellow)");
  }
}
