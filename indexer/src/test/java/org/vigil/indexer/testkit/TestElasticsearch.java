package org.vigil.indexer.testkit;

import java.util.Optional;
import org.vigil.indexer.EmbeddedElasticsearch;

/**
 * The Elasticsearch a test run uses. Obtain it with
 * {@code @ExtendWith(ElasticsearchExtension.class)} and a {@code TestElasticsearch} parameter
 * (constructor, lifecycle or test method).
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:9201}
 * @param origin where it came from: {@code env} (VIGIL_TEST_ES_URL), {@code testcontainers} or
 *     {@code embedded} (the Maven-fetched distribution, started once per test JVM)
 * @param embedded the embedded cluster when {@code origin} is {@code embedded}, for tests that stop
 *     and restart it
 * @param version the Elasticsearch version started ({@code testcontainers}, {@code embedded}), or
 *     empty for {@code env}, whose version the test run does not choose
 */
public record TestElasticsearch(
    String url,
    String origin,
    Optional<EmbeddedElasticsearch> embedded,
    Optional<String> version) {}
