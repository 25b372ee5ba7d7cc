package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
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
 * A crawl whose every seed is refused (here by the SSRF guard, because {@code scope.hosts} names
 * another host) is a failed run, not an ok one that fetched nothing; {@code host:port} scope
 * entries admit that port. Real site on 127.0.0.1, real Elasticsearch.
 */
@ExtendWith(ElasticsearchExtension.class)
class SeedsNotReachedTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final String esUrl;
  private final String prefix = "clitest-" + UUID.randomUUID().toString().substring(0, 8);

  SeedsNotReachedTest(TestElasticsearch es) {
    esUrl = es.url();
    env.put("VIGIL_ES_URL", esUrl);
    env.put("VIGIL_ES_PREFIX", prefix);
    env.put("VIGIL_HOME", "");
  }

  @AfterEach
  void dropIndices() throws Exception {
    TestIndices.drop(esUrl, prefix);
  }

  private Path config(String base, String scopeHost) throws Exception {
    return Files.writeString(
        home.resolve("sources.yml"),
        """
        sources:
          - id: site
            type: web
            seeds: ["%s/"]
            scope: {hosts: ["%s"]}
            max_depth: 1
            politeness_ms: 0
        """
            .formatted(base, scopeHost));
  }

  private Run crawl(Path config) {
    env.put("VIGIL_HOME", home.toString());
    return Run.of(env, "crawl", "--config", config.toString(), "--json");
  }

  @Test
  void everySeedRefusedFailsTheRunAndAHostPortScopeEntryIsAdmitted() throws Exception {
    try (TestSite site = TestSite.recruitmentAndOrdinary()) {
      Run refused = crawl(config(site.base(), "example.org"));
      assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
      JsonNode summary = Json.mapper().readTree(refused.lastLine());
      assertThat(summary.get("fetched").asLong()).isZero();
      assertThat(refused.toString()).contains("no seed could be fetched");

      String hostPort = site.base().substring("http://".length());
      Run admitted = crawl(config(site.base(), hostPort));
      assertThat(admitted.code()).as(admitted.toString()).isEqualTo(ExitCodes.OK);
      assertThat(Json.mapper().readTree(admitted.lastLine()).get("fetched").asLong()).isEqualTo(3);
    }
  }
}
