package org.vigil.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP site on 127.0.0.1 whose pages a test changes: each page has an ETag and answers 304
 * to a matching {@code If-None-Match}; a path without a page answers 404. Records which paths were
 * asked for conditionally.
 */
public final class TestSite implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final List<String> conditionalRequests = new CopyOnWriteArrayList<>();

  private TestSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Starts an empty site. */
  public static TestSite start() throws IOException {
    return new TestSite();
  }

  /**
   * Starts a site of three pages: {@code /} linking to {@code /x.html} (a recruitment text) and
   * {@code /y.html} (an ordinary one).
   */
  public static TestSite recruitmentAndOrdinary() throws IOException {
    return start()
        .put(
            "/",
            "<!doctype html><html><head><title>Lenbridge</title></head><body>"
                + "<p><a href=\"/x.html\">X</a> <a href=\"/y.html\">Y</a></p></body></html>")
        .put("/x.html", page("Join us", TestData.recruitment()))
        .put("/y.html", page("Market", TestData.ordinary()));
  }

  /** {@link #sourcesYmlFor} for this site. */
  public Path sourcesYml(Path file, String... extraKeys) throws IOException {
    return sourcesYmlFor(file, base(), extraKeys);
  }

  /**
   * Writes {@code file}: one web source {@code site} seeded with {@code baseUrl/}, scope 127.0.0.1,
   * depth 1, no politeness delay, plus {@code extraKeys} (e.g. {@code schedule: "* * * * *"}).
   */
  public static Path sourcesYmlFor(Path file, String baseUrl, String... extraKeys)
      throws IOException {
    StringBuilder yml =
        new StringBuilder(
            """
            sources:
              - id: site
                type: web
                seeds: ["%s/"]
                scope: {hosts: ["127.0.0.1"]}
                max_depth: 1
                politeness_ms: 0
            """
                .formatted(baseUrl));
    for (String key : extraKeys) {
      yml.append("    ").append(key).append('\n');
    }
    return Files.writeString(file, yml);
  }

  /** Serves {@code html} at {@code path} from now on. */
  public TestSite put(String path, String html) {
    pages.put(path, html);
    return this;
  }

  /** Answers 404 at {@code path} from now on. */
  public TestSite remove(String path) {
    pages.remove(path);
    return this;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The paths requested with {@code If-None-Match} so far. */
  public List<String> conditionalRequests() {
    return List.copyOf(conditionalRequests);
  }

  /** Forgets the conditional requests seen so far. */
  public void clearConditionalRequests() {
    conditionalRequests.clear();
  }

  /** An article page whose main text is {@code text} (twice, so it is long enough). */
  public static String page(String title, String text) {
    return "<!doctype html><html><head><title>"
        + title
        + "</title></head><body><article><p>"
        + text
        + "</p><p>"
        + text
        + "</p></article></body></html>";
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String html = pages.get(path);
      if (html == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String etag = "\"" + Integer.toHexString(html.hashCode()) + "\"";
      exchange.getResponseHeaders().set("ETag", etag);
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (ifNoneMatch != null) {
        conditionalRequests.add(path);
      }
      if (etag.equals(ifNoneMatch)) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
