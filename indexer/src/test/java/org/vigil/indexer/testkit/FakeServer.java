package org.vigil.indexer.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that answers like a server Vigil must refuse: an Elasticsearch of
 * another version (its cluster health and nodes info, the {@code X-elastic-product} header),
 * OpenSearch (the same APIs without that header) or a plain web server. Every request's method and
 * path are recorded, so tests can check that nothing but the version check reached it.
 */
public final class FakeServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Responder responder;

  @FunctionalInterface
  private interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  private FakeServer(Responder responder) throws IOException {
    this.responder = responder;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Answers like an Elasticsearch cluster with one node per version given (security off). */
  public static FakeServer elasticsearch(String... nodeVersions) throws IOException {
    return cluster(true, nodeVersions);
  }

  /** Answers like OpenSearch: the same health and nodes APIs, no {@code X-elastic-product}. */
  public static FakeServer openSearch(String version) throws IOException {
    return cluster(false, version);
  }

  /** Answers every request with {@code status} and a small HTML page, like a web server. */
  public static FakeServer webServer(int status) throws IOException {
    return new FakeServer(
        exchange ->
            send(exchange, status, "text/html", "<html><body><h1>Welcome</h1></body></html>"));
  }

  /**
   * Answers every request like a secured Elasticsearch refusing it: 401 (no or wrong credentials,
   * with {@code WWW-Authenticate}) or 403 (authenticated, not allowed), {@code security_exception}.
   */
  public static FakeServer secured(int status) throws IOException {
    return new FakeServer(
        exchange -> {
          exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
          if (status == 401) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\"");
          }
          String reason =
              status == 401
                  ? "missing authentication credentials for REST request [/_cluster/health]"
                  : "action [cluster:monitor/health] is unauthorized for user [vigil]";
          send(
              exchange,
              status,
              "application/json",
              "{\"error\":{\"type\":\"security_exception\",\"reason\":\""
                  + reason
                  + "\"},\"status\":"
                  + status
                  + "}");
        });
  }

  private static FakeServer cluster(boolean elastic, String... nodeVersions) throws IOException {
    return new FakeServer(
        exchange -> {
          if (elastic) {
            exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
          }
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/_cluster/health")) {
            send(exchange, 200, "application/json", health(nodeVersions.length));
          } else if (path.startsWith("/_nodes")) {
            send(exchange, 200, "application/json", nodes(nodeVersions));
          } else {
            send(
                exchange,
                400,
                "application/json",
                "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"not served by"
                    + " this fake\"},\"status\":400}");
          }
        });
  }

  private static String health(int nodes) {
    return "{\"cluster_name\":\"fake\",\"status\":\"green\",\"timed_out\":false,"
        + "\"number_of_nodes\":"
        + nodes
        + ",\"number_of_data_nodes\":"
        + nodes
        + ",\"active_primary_shards\":0,\"active_shards\":0}";
  }

  private static String nodes(String... versions) {
    StringBuilder json =
        new StringBuilder("{\"_nodes\":{\"total\":")
            .append(versions.length)
            .append("},\"cluster_name\":\"fake\",\"nodes\":{");
    for (int i = 0; i < versions.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("\"node-")
          .append(i)
          .append("\":{\"name\":\"n")
          .append(i)
          .append("\",\"version\":\"")
          .append(versions[i])
          .append("\",\"build_type\":\"tar\"}");
    }
    return json.append("}}").toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      exchange.getRequestBody().readAllBytes();
      responder.respond(exchange);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far as {@code METHOD /path}, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
