package org.vigil.indexer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.vigil.indexer.internal.EsDistribution;
import org.vigil.indexer.internal.EsProcess;
import org.vigil.indexer.internal.JavaRuntimes;

/**
 * A local single-node Elasticsearch that Vigil installs and runs itself when no cluster URL is
 * given: the minimal {@code integ-test-zip} distribution from Maven Central, bound to 127.0.0.1,
 * security off, 512 MB heap, data under {@link #home()}.
 *
 * <p>Elasticsearch refuses to run as root, so when Vigil runs as root it starts Elasticsearch as
 * the unprivileged {@value #SERVICE_USER} user (created when absent) and keeps the files where that
 * user can reach them ({@code /var/lib/vigil/es} by default rather than root's private home).
 */
public final class EmbeddedElasticsearch {
  /** The Elasticsearch version installed. */
  public static final String VERSION = "9.2.4";

  /** The unprivileged user that runs Elasticsearch when Vigil runs as root. */
  public static final String SERVICE_USER = "vigil";

  /** Default time to wait for the cluster to become healthy. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  private final Path home;
  private final int preferredPort;
  private final String version;

  private EmbeddedElasticsearch(Path home, int preferredPort, String version) {
    this.home = home.toAbsolutePath().normalize();
    this.preferredPort = preferredPort;
    this.version = version;
  }

  /** The embedded cluster living in {@code home}, preferring port 9200 (or the next free one). */
  public static EmbeddedElasticsearch at(Path home) {
    return new EmbeddedElasticsearch(Objects.requireNonNull(home, "home"), 9200, VERSION);
  }

  /** The embedded cluster living in {@code home}, on exactly {@code port} (0: any free port). */
  public static EmbeddedElasticsearch at(Path home, int port) {
    return at(home, port, VERSION);
  }

  /**
   * Like {@link #at(Path, int)}, with another distribution version than {@link #VERSION} (the tests
   * run Vigil against each supported major this way, e.g. {@code 8.19.2}).
   */
  public static EmbeddedElasticsearch at(Path home, int port, String version) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535], was " + port);
    }
    if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("version must look like 9.2.4, was '" + version + "'");
    }
    return new EmbeddedElasticsearch(Objects.requireNonNull(home, "home"), port, version);
  }

  /** The Elasticsearch version this cluster installs and runs. */
  public String version() {
    return version;
  }

  /**
   * The default home: {@code $VIGIL_HOME/es} (default {@code ~/.vigil/es}), or {@code
   * /var/lib/vigil/es} when running as root, so the unprivileged service user can reach it.
   */
  public static Path defaultHome() {
    if (EsProcess.runningAsRoot()) {
      return Path.of("/var/lib/vigil/es");
    }
    String vigilHome = System.getenv("VIGIL_HOME");
    Path base =
        vigilHome == null || vigilHome.isBlank()
            ? Path.of(System.getProperty("user.home"), ".vigil")
            : Path.of(vigilHome);
    return base.resolve("es");
  }

  /** Where the installation, data and logs live. */
  public Path home() {
    return home;
  }

  /** The Elasticsearch server log, the first place to look when start-up fails. */
  public Path logFile() {
    return EsProcess.logFile(home);
  }

  /** The URL of the running cluster, or empty when it is not running and healthy. */
  public Optional<String> runningUrl() {
    return EsProcess.runningUrl(home);
  }

  /** A one-line human-readable status, e.g. {@code running at http://127.0.0.1:9200 (pid 42)}. */
  public String status() {
    Optional<String> url = runningUrl();
    Optional<Long> pid = EsProcess.readPid(home);
    if (url.isPresent()) {
      return "running at " + url.get() + pid.map(p -> " (pid " + p + ")").orElse("");
    }
    if (pid.isPresent() && EsProcess.alive(pid.get())) {
      return String.format(
          Locale.ROOT, "starting or unhealthy (pid %d); log: %s", pid.get(), logFile());
    }
    return Files.isDirectory(home) ? "stopped (home " + home + ")" : "not installed";
  }

  /**
   * Starts the cluster unless it is already running, waits until it is healthy, and returns its
   * URL. Installs the distribution first when needed.
   *
   * @throws IndexerException with a one-line reason (no Java 21+, distribution missing, start-up
   *     timeout with the log path)
   */
  public String start(Duration timeout) throws IndexerException {
    Optional<String> running = runningUrl();
    if (running.isPresent()) {
      return running.get();
    }
    try {
      Files.createDirectories(home);
      Path java = JavaRuntimes.findJava21Plus();
      Path install = EsDistribution.install(home, version);
      return EsProcess.start(home, install, java, preferredPort, timeout);
    } catch (IOException e) {
      throw new IndexerException("cannot start embedded Elasticsearch in " + home + ": " + e, e);
    }
  }

  /**
   * Stops the cluster if it runs, waiting up to {@code timeout}; returns whether one was stopped.
   */
  public boolean stop(Duration timeout) throws IndexerException {
    try {
      return EsProcess.stop(home, timeout);
    } catch (IOException e) {
      throw new IndexerException("cannot stop embedded Elasticsearch in " + home + ": " + e, e);
    }
  }
}
