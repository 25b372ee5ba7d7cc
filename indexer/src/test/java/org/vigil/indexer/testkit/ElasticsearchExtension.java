package org.vigil.indexer.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.vigil.indexer.EmbeddedElasticsearch;

/**
 * JUnit 5 extension that provides a real Elasticsearch to tests, in this order: {@code
 * VIGIL_TEST_ES_URL} if set; a Testcontainers {@code ElasticsearchContainer} when Docker is
 * available; otherwise the Maven-fetched distribution, started once per test JVM, shared by all
 * test classes and stopped when the run ends.
 *
 * <p>The version started is the system property {@value #VERSION_PROPERTY}, default {@link
 * EmbeddedElasticsearch#VERSION}: the build runs the indexer's and cli's suites once more with an
 * 8.x version in a second test JVM (the {@code es8} Surefire execution), so both supported majors
 * are really exercised.
 */
public final class ElasticsearchExtension implements ParameterResolver {
  /** System property naming the Elasticsearch version to start. */
  public static final String VERSION_PROPERTY = "vigil.test.es.version";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ElasticsearchExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestElasticsearch.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The run's Elasticsearch, started on first use. */
  public static TestElasticsearch shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("es", key -> start(), Handle.class)
        .es;
  }

  private static Handle start() {
    String env = System.getenv("VIGIL_TEST_ES_URL");
    if (env != null && !env.isBlank()) {
      return new Handle(
          new TestElasticsearch(
              env.replaceAll("/+$", ""), "env", Optional.empty(), Optional.empty()),
          null);
    }
    String version = version();
    if (dockerAvailable()) {
      ElasticsearchContainer container =
          new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:" + version)
              .withEnv("xpack.security.enabled", "false")
              .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
      container.start();
      String url = "http://" + container.getHttpHostAddress();
      return new Handle(
          new TestElasticsearch(url, "testcontainers", Optional.empty(), Optional.of(version)),
          container::stop);
    }
    return startEmbedded(version);
  }

  /** The version this test JVM runs: {@value #VERSION_PROPERTY}, else the embedded default. */
  public static String version() {
    String v = System.getProperty(VERSION_PROPERTY);
    return v == null || v.isBlank() ? EmbeddedElasticsearch.VERSION : v.strip();
  }

  private static Handle startEmbedded(String version) {
    try {
      // Under java.io.tmpdir rather than target/: when tests run as root, Elasticsearch runs as an
      // unprivileged user who may not be able to enter the checkout.
      Path home =
          Files.createTempDirectory(
              "vigil-test-es-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      EmbeddedElasticsearch es = EmbeddedElasticsearch.at(home, 0, version);
      String url = es.start(EmbeddedElasticsearch.DEFAULT_START_TIMEOUT);
      return new Handle(
          new TestElasticsearch(url, "embedded", Optional.of(es), Optional.of(version)),
          () -> {
            es.stop(Duration.ofSeconds(30));
            deleteRecursively(home);
          });
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a test Elasticsearch: " + e.getMessage(), e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops what was started when the root context closes (end of the test JVM's run). */
  private static final class Handle
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final TestElasticsearch es;
    private final Stopper stopper;

    Handle(TestElasticsearch es, Stopper stopper) {
      this.es = es;
      this.stopper = stopper;
    }

    @Override
    public void close() throws Exception {
      if (stopper != null) {
        stopper.stop();
      }
    }
  }

  @FunctionalInterface
  private interface Stopper {
    void stop() throws Exception;
  }
}
