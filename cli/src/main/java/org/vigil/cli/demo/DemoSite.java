package org.vigil.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bundled demo site that {@code vigil demo} crawls: a small mix of news, a religious-education
 * blog, community pages, feeds, a sitemap and a forum, served from the classpath directory {@code
 * org/vigil/cli/demo/site/} on 127.0.0.1 at a free port. {@link #pagePaths()} lists the pages a
 * crawl from {@code /} should reach; {@code org/vigil/cli/demo/expected.tsv} says for each whether
 * the classifier should flag it.
 *
 * <p>Only the files listed in {@code site/MANIFEST.txt} are served (a classpath directory cannot be
 * listed inside a jar), so nothing outside the site can ever be reached. The placeholder {@value
 * #BASE_URL_PLACEHOLDER} in any text file is replaced with {@link #baseUrl()}, because sitemaps and
 * feeds need absolute URLs. Responses carry Content-Length, an ETag and Last-Modified, so
 * keep-alive and conditional (incremental) re-crawls work.
 *
 * <pre>{@code
 * try (DemoSite site = DemoSite.start()) {
 *   crawl(site.baseUrl() + "/");
 * }
 * }</pre>
 */
public final class DemoSite implements AutoCloseable {
  /** The placeholder replaced with {@link #baseUrl()} in served text files. */
  public static final String BASE_URL_PLACEHOLDER = "{{BASE_URL}}";

  /**
   * The path prefix {@code robots.txt} disallows. A page links to it and a page exists there, so a
   * crawler that ignores robots.txt would visibly fetch it: {@link #requestedPaths()} shows whether
   * it did.
   */
  public static final String DISALLOWED_PATH = "/admin/";

  private static final String ROOT = "org/vigil/cli/demo/site/";
  private static final String MANIFEST = "MANIFEST.txt";
  private static final int THREADS = 4;
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private final Map<String, Resource> files;
  private final List<String> requested = new CopyOnWriteArrayList<>();

  private DemoSite(HttpServer server, ExecutorService executor) throws IOException {
    this.server = server;
    this.executor = executor;
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    this.files = load(baseUrl);
  }

  /**
   * Starts the demo site on 127.0.0.1 at a free port.
   *
   * @return the running site; close it to stop the server
   * @throws IOException when no port can be bound or a bundled file is missing
   */
  public static DemoSite start() throws IOException {
    return start(0);
  }

  /**
   * Starts the demo site on 127.0.0.1 at the given port. A fixed port keeps the pages' URLs the
   * same from one run to the next; {@code 0} picks a free port.
   *
   * @param port the port, 0 to 65535
   * @return the running site; close it to stop the server
   * @throws IOException when the port cannot be bound (the message names it) or a bundled file is
   *     missing
   * @throws IllegalArgumentException when {@code port} is out of range
   */
  public static DemoSite start(int port) throws IOException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new IOException(
          "cannot serve the demo site on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    try {
      DemoSite site = new DemoSite(server, executor);
      server.createContext("/", site::handle);
      server.setExecutor(executor);
      server.start();
      return site;
    } catch (IOException | RuntimeException e) {
      server.stop(0);
      executor.shutdownNow();
      throw e;
    }
  }

  /**
   * The URL paths of the bundled HTML pages that a polite crawl from {@code /} should reach, in
   * manifest order: {@code "/"} for the home page, {@code "/news/"} for a section index, {@code
   * "/news/trial-verdict.html"} for an article. Pages under {@link #DISALLOWED_PATH} are left out.
   * These are the paths {@code expected.tsv} lists.
   *
   * @throws UncheckedIOException when the manifest cannot be read (a broken build)
   */
  public static List<String> pagePaths() {
    List<String> files;
    try {
      files = manifest();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> pages = new ArrayList<>();
    for (String file : files) {
      String path = urlPath(file);
      if (file.endsWith(".html") && !path.startsWith(DISALLOWED_PATH)) {
        pages.add(path);
      }
    }
    return List.copyOf(pages);
  }

  /** The site's base URL without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port the site listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The raw paths of all requests received so far, in arrival order (query strings left out),
   * including requests answered 404. A snapshot: later requests do not change the returned list.
   */
  public List<String> requestedPaths() {
    return List.copyOf(requested);
  }

  /** Stops the server at once and releases its threads; calling it again does nothing. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rawPath = exchange.getRequestURI().getRawPath();
      requested.add(rawPath);
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        sendText(exchange, 405, "method not allowed\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String file = resolve(path);
      if (file == null) {
        if (isDirectoryWithoutSlash(path)) {
          exchange.getResponseHeaders().set("Location", baseUrl + rawPath + "/");
          sendText(exchange, 301, "moved to " + path + "/\n");
        } else {
          sendText(exchange, 404, "not found: " + path + "\n");
        }
        return;
      }
      send(exchange, files.get(file));
    }
  }

  /** Whether {@code /news} names a bundled directory, so that it redirects to {@code /news/}. */
  private boolean isDirectoryWithoutSlash(String path) {
    return path != null && path.length() > 1 && !path.endsWith("/") && resolve(path + "/") != null;
  }

  /** The manifest file for a decoded request path, or null when there is none or it escapes. */
  private String resolve(String path) {
    if (path == null || !path.startsWith("/") || path.contains("\\")) {
      return null;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return null;
      }
    }
    String file = relative(path);
    if (file.isEmpty() || file.endsWith("/")) {
      file += "index.html";
    }
    return files.containsKey(file) ? file : null;
  }

  private void send(HttpExchange exchange, Resource resource) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", resource.contentType());
    headers.set("ETag", resource.etag());
    headers.set("Last-Modified", HTTP_DATE.format(resource.lastModified()));
    if (notModified(exchange, resource)) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    byte[] body = resource.body();
    if (exchange.getRequestMethod().equals("HEAD")) {
      headers.set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private boolean notModified(HttpExchange exchange, Resource resource) {
    var request = exchange.getRequestHeaders();
    String ifNoneMatch = request.getFirst("If-None-Match");
    if (ifNoneMatch != null) {
      return ifNoneMatch.equals("*")
          || List.of(ifNoneMatch.split("\\s*,\\s*")).contains(resource.etag());
    }
    String ifModifiedSince = request.getFirst("If-Modified-Since");
    if (ifModifiedSince != null) {
      try {
        return !resource.lastModified().isAfter(ZonedDateTime.parse(ifModifiedSince, HTTP_DATE));
      } catch (DateTimeParseException e) {
        return false; // an unparseable date is ignored, as RFC 9110 asks
      }
    }
    return false;
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, Resource> load(String baseUrl) throws IOException {
    Map<String, Resource> files = new LinkedHashMap<>();
    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    for (String file : manifest()) {
      URLConnection connection = connect(file);
      byte[] bytes;
      try (InputStream in = connection.getInputStream()) {
        bytes = in.readAllBytes();
      }
      String type = contentType(file);
      if (type.startsWith("text/") || type.contains("xml")) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        bytes = text.replace(BASE_URL_PLACEHOLDER, baseUrl).getBytes(StandardCharsets.UTF_8);
      }
      // The file's own time (file or jar entry) keeps Last-Modified stable from run to run.
      long millis = connection.getLastModified();
      ZonedDateTime modified =
          millis > 0
              ? Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
              : started;
      files.put(file, new Resource(bytes, type, etag(bytes), modified));
    }
    return files;
  }

  /** The manifest's file names (relative to the site root), skipping blanks and # comments. */
  private static List<String> manifest() throws IOException {
    String text = new String(read(MANIFEST), StandardCharsets.UTF_8);
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static byte[] read(String file) throws IOException {
    try (InputStream in = connect(file).getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static URLConnection connect(String file) throws IOException {
    URL url = DemoSite.class.getClassLoader().getResource(ROOT + file);
    if (url == null) {
      throw new IOException("demo site file missing from the classpath: " + ROOT + file);
    }
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false); // do not keep the jar file open after reading
    return connection;
  }

  /** The content type for a site file; feeds are recognised by their file names. */
  static String contentType(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (name.equals("rss.xml")) {
      return "application/rss+xml; charset=utf-8";
    } else if (name.equals("atom.xml")) {
      return "application/atom+xml; charset=utf-8";
    } else if (name.endsWith(".xml")) {
      return "application/xml; charset=utf-8";
    } else if (name.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "application/octet-stream";
  }

  /**
   * {@code news/index.html} becomes {@code /news/}, {@code news/a.html} becomes {@code
   * /news/a.html}.
   */
  private static String urlPath(String file) {
    if (file.equals("index.html")) {
      return "/";
    }
    return "/" + (file.endsWith("/index.html") ? file.substring(0, file.length() - 10) : file);
  }

  private static String relative(String path) {
    return path.substring(1);
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "vigil-demo-site-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Resource(
      byte[] body, String contentType, String etag, ZonedDateTime lastModified) {}
}
