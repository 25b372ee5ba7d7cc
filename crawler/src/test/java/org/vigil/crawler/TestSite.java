package org.vigil.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (random port) with one handler per route. It logs every request
 * (host header without port, path with query, time), so tests assert what was and was not
 * requested. Virtual hosts: routes are keyed by path only; handlers may look at {@link Req#host}.
 */
final class TestSite implements AutoCloseable {
  /** One logged request. */
  record Req(String host, String target, long nanos, Map<String, String> headers) {}

  /** Handles one request. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, Req req) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Req> log = java.util.Collections.synchronizedList(new ArrayList<>());

  TestSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port} for a virtual host resolved to this server. */
  String base(String host) {
    return "http://" + host + ":" + port();
  }

  TestSite route(String pathAndQuery, Handler handler) {
    routes.put(pathAndQuery, handler);
    return this;
  }

  TestSite html(String path, String html) {
    return route(
        path,
        (ex, r) ->
            send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
  }

  TestSite text(String path, String contentType, String body) {
    return route(
        path, (ex, r) -> send(ex, 200, contentType, body.getBytes(StandardCharsets.UTF_8)));
  }

  TestSite redirect(String path, int status, String location) {
    return route(
        path,
        (ex, r) -> {
          ex.getResponseHeaders().add("Location", location);
          send(ex, status, "text/plain", new byte[0]);
        });
  }

  /** The registered routes (paths), for tests that need the whole site. */
  List<String> routesForTest() {
    return routes.keySet().stream().filter(p -> !p.equals("/robots.txt")).sorted().toList();
  }

  /** The live request log (a synchronized list; copy it before iterating while crawling). */
  List<Req> requests() {
    return log;
  }

  /** Request targets (path + query) for {@code host}. */
  List<String> targets(String host) {
    return snapshot().stream().filter(r -> r.host().equals(host)).map(Req::target).toList();
  }

  /** Request targets of any host. */
  List<String> targets() {
    return snapshot().stream().map(Req::target).toList();
  }

  List<String> hosts() {
    return snapshot().stream().map(Req::host).distinct().toList();
  }

  long count(String target) {
    return snapshot().stream().filter(r -> r.target().equals(target)).count();
  }

  private List<Req> snapshot() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try {
      String target = ex.getRequestURI().getRawPath();
      if (ex.getRequestURI().getRawQuery() != null) {
        target += "?" + ex.getRequestURI().getRawQuery();
      }
      String host = ex.getRequestHeaders().getFirst("Host");
      host = host == null ? "" : host.replaceFirst(":\\d+$", "");
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
      Req req = new Req(host, target, System.nanoTime(), headers);
      log.add(req);
      Handler handler = routes.get(target);
      if (handler == null) {
        handler = routes.get(ex.getRequestURI().getRawPath());
      }
      if (handler == null) {
        send(
            ex,
            404,
            "text/html",
            "<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8));
      } else {
        handler.handle(ex, req);
      }
    } catch (IOException e) {
      // client went away (aborted download): expected for binaries and huge pages
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
