package org.vigil.indexer.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vigil.indexer.EmbeddedElasticsearch;
import org.vigil.indexer.IndexerException;

/** Starts, probes and stops the embedded Elasticsearch process of one home folder. */
public final class EsProcess {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private EsProcess() {}

  public static Path logFile(Path home) {
    return home.resolve("logs").resolve(clusterName(home) + ".log");
  }

  public static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The URL when this home's cluster answers a health check, else empty. */
  public static Optional<String> runningUrl(Path home) {
    Optional<Integer> port = readNumber(home.resolve("es.port")).map(Long::intValue);
    if (port.isEmpty()) {
      return Optional.empty();
    }
    String url = "http://127.0.0.1:" + port.get();
    return healthy(url, clusterName(home)) ? Optional.of(url) : Optional.empty();
  }

  public static Optional<Long> readPid(Path home) {
    return readNumber(home.resolve("es.pid"));
  }

  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Starts Elasticsearch (one starter at a time per home) and waits for a healthy cluster. */
  public static String start(
      Path home, Path install, Path java, int preferredPort, Duration timeout)
      throws IOException, IndexerException {
    Instant deadline = Instant.now().plus(timeout);
    try (FileChannel lockFile =
            FileChannel.open(
                home.resolve(".start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      Optional<String> running = runningUrl(home);
      if (running.isPresent()) {
        return running.get();
      }
      Optional<Long> stale = readPid(home);
      if (stale.isPresent() && alive(stale.get())) {
        return awaitHealthy(
            home, readNumber(home.resolve("es.port")).orElse(0L).intValue(), deadline);
      }
      int port = choosePort(preferredPort);
      Files.writeString(home.resolve("es.port"), Integer.toString(port));
      for (String dir : List.of("data", "logs", "tmp")) {
        Files.createDirectories(home.resolve(dir));
      }
      Files.deleteIfExists(home.resolve("es.pid"));
      launch(home, install, java, port);
      return awaitHealthy(home, port, deadline);
    }
  }

  /** Stops this home's Elasticsearch; returns whether a process was running. */
  public static boolean stop(Path home, Duration timeout) throws IOException {
    Optional<Long> pid = readPid(home);
    if (pid.isEmpty() || !alive(pid.get())) {
      Files.deleteIfExists(home.resolve("es.pid"));
      return false;
    }
    ProcessHandle handle = ProcessHandle.of(pid.get()).orElseThrow();
    handle.destroy();
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
    }
    Files.deleteIfExists(home.resolve("es.pid"));
    return true;
  }

  private static void launch(Path home, Path install, Path java, int port)
      throws IOException, IndexerException {
    List<String> command = new ArrayList<>();
    if (runningAsRoot()) {
      ServiceUser.prepare(home);
      command.addAll(List.of("runuser", "-u", EmbeddedElasticsearch.SERVICE_USER, "--"));
    }
    command.add("env");
    command.add("ES_JAVA_HOME=" + java);
    command.add("ES_JAVA_OPTS=-Xms512m -Xmx512m");
    command.add("ES_TMPDIR=" + home.resolve("tmp"));
    command.add(install.resolve("bin/elasticsearch").toString());
    command.addAll(List.of("-d", "-p", home.resolve("es.pid").toString()));
    for (Map.Entry<String, String> setting : settings(home, port).entrySet()) {
      command.add("-E" + setting.getKey() + "=" + setting.getValue());
    }
    Path launcherLog = home.resolve("logs").resolve("launcher.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(install.toFile())
            .redirectErrorStream(true)
            .redirectOutput(launcherLog.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    try {
      if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IndexerException(
            "embedded Elasticsearch failed to start (exit "
                + (process.isAlive() ? "timeout" : process.exitValue())
                + "); see "
                + launcherLog
                + " and "
                + logFile(home));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexerException("interrupted while starting embedded Elasticsearch", e);
    }
  }

  private static Map<String, String> settings(Path home, int port) {
    return Map.of(
        "cluster.name", clusterName(home),
        "node.name", "vigil",
        "discovery.type", "single-node",
        "xpack.security.enabled", "false",
        "network.host", "127.0.0.1",
        "http.port", Integer.toString(port),
        "transport.port", "0",
        "path.data", home.resolve("data").toString(),
        "path.logs", home.resolve("logs").toString(),
        // A nearly full disk must not turn Vigil's indices read-only on a laptop or CI runner.
        "cluster.routing.allocation.disk.threshold_enabled", "false");
  }

  private static String awaitHealthy(Path home, int port, Instant deadline)
      throws IndexerException {
    String url = "http://127.0.0.1:" + port;
    while (Instant.now().isBefore(deadline)) {
      if (healthy(url, clusterName(home))) {
        return url;
      }
      Optional<Long> pid = readPid(home);
      if (pid.isPresent() && !alive(pid.get())) {
        break;
      }
      sleep(500);
    }
    throw new IndexerException(
        "embedded Elasticsearch at " + url + " did not become healthy; see " + logFile(home));
  }

  static boolean healthy(String url, String clusterName) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + "/_cluster/health?timeout=2s"))
              .timeout(Duration.ofSeconds(4))
              .GET()
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return response.statusCode() == 200
          && body.contains("\"cluster_name\":\"" + clusterName + "\"")
          && (body.contains("\"status\":\"green\"") || body.contains("\"status\":\"yellow\""));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A cluster name unique to the home folder, so a health check never mistakes another cluster. */
  static String clusterName(Path home) {
    byte[] hash = home.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
    int h = java.util.Arrays.hashCode(hash);
    return "vigil-" + HexFormat.of().toHexDigits(h);
  }

  private static int choosePort(int preferred) throws IOException {
    if (preferred == 0) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      }
    }
    for (int port = preferred; port < preferred + 100 && port <= 65535; port++) {
      if (free(port)) {
        return port;
      }
    }
    throw new IOException("no free port in " + preferred + ".." + (preferred + 99));
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Long> readNumber(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
