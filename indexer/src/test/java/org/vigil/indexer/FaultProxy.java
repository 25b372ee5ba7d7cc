package org.vigil.indexer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP proxy on 127.0.0.1 in front of the real test cluster that can reject the next N bulk
 * requests with a given status, or stop listening altogether (connection refused) and start again
 * on the same port.
 */
final class FaultProxy implements AutoCloseable {
  private static final List<String> HOP =
      List.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");
  private final String target;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger rejectBulks = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger bulks = new AtomicInteger();
  private final java.util.Queue<String> searches =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile int rejectStatus = 429;
  private final AtomicInteger rejectItemsOfBulks = new AtomicInteger();
  private volatile java.util.concurrent.CountDownLatch hold;
  private int port;
  private HttpServer server;
  private ExecutorService executor;

  private final javax.net.ssl.SSLContext tls;

  FaultProxy(String target) throws IOException {
    this(target, null);
  }

  /** A proxy that speaks HTTPS with the given server context (TLS termination in tests). */
  FaultProxy(String target, javax.net.ssl.SSLContext tls) throws IOException {
    this.target = target;
    this.tls = tls;
    start();
  }

  synchronized void start() throws IOException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      com.sun.net.httpserver.HttpsServer https =
          com.sun.net.httpserver.HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
      server = https;
    }
    port = server.getAddress().getPort();
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Stops listening: clients get connection refused until {@link #start()}. */
  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  String url() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
  }

  /** Answers the next {@code n} bulk requests with {@code status} instead of forwarding them. */
  void rejectNextBulks(int n, int status) {
    rejectStatus = status;
    rejectBulks.set(n);
  }

  /**
   * Answers the next {@code n} bulk requests the way Elasticsearch does when its write queue is
   * full: HTTP 200, {@code errors: true}, every item rejected with 429.
   */
  void rejectItemsOfNextBulks(int n) {
    rejectItemsOfBulks.set(n);
  }

  /** Holds every bulk request until {@link #release()}. */
  void holdBulks() {
    hold = new java.util.concurrent.CountDownLatch(1);
  }

  void release() {
    java.util.concurrent.CountDownLatch h = hold;
    hold = null;
    if (h != null) {
      h.countDown();
    }
  }

  int rejected() {
    return rejected.get();
  }

  int bulkRequests() {
    return bulks.get();
  }

  /** The path and query of every search request forwarded so far, in order. */
  List<String> searches() {
    return List.copyOf(searches);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = ex.getRequestURI().getRawPath();
      if (path.endsWith("/_bulk")) {
        bulks.incrementAndGet();
        java.util.concurrent.CountDownLatch h = hold;
        if (h != null) {
          try {
            h.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (rejectItemsOfBulks.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
          rejected.incrementAndGet();
          long ops = new String(body, StandardCharsets.UTF_8).lines().count() / 2;
          StringBuilder answer = new StringBuilder("{\"errors\":true,\"items\":[");
          for (long i = 0; i < ops; i++) {
            answer
                .append(i == 0 ? "" : ",")
                .append("{\"update\":{\"status\":429,\"error\":{\"type\":")
                .append("\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}}");
          }
          byte[] bytes = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("content-type", "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          ex.getResponseBody().write(bytes);
          return;
        }
        if (rejectBulks.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
          rejected.incrementAndGet();
          byte[] answer =
              ("{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"injected\"},"
                      + "\"status\":"
                      + rejectStatus
                      + "}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("content-type", "application/json");
          ex.sendResponseHeaders(rejectStatus, answer.length);
          ex.getResponseBody().write(answer);
          return;
        }
      }
      String query = ex.getRequestURI().getRawQuery();
      if (path.endsWith("/_search")) {
        searches.add(path + (query == null ? "" : "?" + query));
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
              .method(
                  ex.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (k, vs) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.equalsIgnoreCase("content-length")) {
                  vs.forEach(v -> b.header(k, v));
                }
              });
      HttpResponse<byte[]> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      r.headers()
          .map()
          .forEach(
              (k, vs) -> {
                if (!HOP.contains(k.toLowerCase())) {
                  vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                }
              });
      byte[] answer = r.body();
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(r.statusCode(), head || answer.length == 0 ? -1 : answer.length);
      if (!head && answer.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
