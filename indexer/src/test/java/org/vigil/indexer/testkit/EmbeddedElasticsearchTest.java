package org.vigil.indexer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class EmbeddedElasticsearchTest {
  @Test
  void providesAHealthyRealCluster(TestElasticsearch es) throws Exception {
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(es.url() + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).containsPattern("\"status\":\"(green|yellow)\"");
    es.embedded()
        .ifPresent(embedded -> assertThat(embedded.status()).startsWith("running at " + es.url()));
  }
}
