package org.vigil.crawler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.crawler.CrawlLimits;

/**
 * Bodies are read through a per-thread scratch buffer and TLS is set up at the first https
 * connection: a real server on 127.0.0.1 shows that every body comes back whole and unshared,
 * whatever its size, and that an https URL still goes through HttpClient's TLS.
 */
class HttpFetcherTest {
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/bytes/",
        exchange -> {
          int n = Integer.parseInt(exchange.getRequestURI().getPath().substring(7));
          byte[] body = body(n);
          exchange.getResponseHeaders().set("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, n == 0 ? -1 : n);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/cookie",
        exchange -> {
          String cookie = exchange.getRequestHeaders().getFirst("Cookie");
          byte[] body = ("cookie=" + cookie).getBytes(StandardCharsets.US_ASCII);
          exchange.getResponseHeaders().set("Content-Type", "text/html");
          exchange.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Bytes that differ with n and position, so that a stale or shared buffer shows. */
  static byte[] body(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + (i * 7 + n) % 26);
    }
    return b;
  }

  @Test
  void bodiesOfEverySizeComeBackWholeAndUnshared() throws Exception {
    GuardedDnsResolver resolver = new GuardedDnsResolver(Map.of(), Set.of(), true);
    try (HttpFetcher fetcher = new HttpFetcher("VigilTest/1.0", CrawlLimits.defaults(), resolver)) {
      int[] sizes = {0, 1, 5_000, 65_535, 65_536, 65_537, 200_000, 3};
      byte[][] bodies = new byte[sizes.length][];
      for (int k = 0; k < sizes.length; k++) {
        bodies[k] =
            fetcher.fetch(base + "/bytes/" + sizes[k], HttpFetcher.Purpose.PAGE, null, null).body();
      }
      for (int k = 0; k < sizes.length; k++) {
        assertThat(Arrays.equals(bodies[k], body(sizes[k]))).as("size " + sizes[k]).isTrue();
      }
    }
  }

  @Test
  void cookiesAreNeverSentBack() throws Exception {
    GuardedDnsResolver resolver = new GuardedDnsResolver(Map.of(), Set.of(), true);
    try (HttpFetcher fetcher = new HttpFetcher("VigilTest/1.0", CrawlLimits.defaults(), resolver)) {
      for (int i = 0; i < 2; i++) {
        byte[] body = fetcher.fetch(base + "/cookie", HttpFetcher.Purpose.PAGE, null, null).body();
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("cookie=null");
      }
    }
  }

  @Test
  void bodiesBeyondMaxBytesAreTruncatedOrRefusedAsBefore() throws Exception {
    GuardedDnsResolver resolver = new GuardedDnsResolver(Map.of(), Set.of(), true);
    CrawlLimits truncate = CrawlLimits.defaults().withMaxBytes(70_000, true);
    try (HttpFetcher fetcher = new HttpFetcher("VigilTest/1.0", truncate, resolver)) {
      FetchResponse r = fetcher.fetch(base + "/bytes/200000", HttpFetcher.Purpose.PAGE, null, null);
      assertThat(r.truncated()).isTrue();
      assertThat(r.body()).isEqualTo(Arrays.copyOf(body(200_000), 70_000));
    }
    CrawlLimits refuse = CrawlLimits.defaults().withMaxBytes(1_000, false);
    try (HttpFetcher fetcher = new HttpFetcher("VigilTest/1.0", refuse, resolver)) {
      assertThatThrownBy(
              () -> fetcher.fetch(base + "/bytes/5000", HttpFetcher.Purpose.PAGE, null, null))
          .isInstanceOfSatisfying(
              FetchException.class, e -> assertThat(e.cause()).isEqualTo("too-large"));
    }
  }

  @Test
  void httpsGoesThroughTlsSetUpOnFirstUse() throws Exception {
    GuardedDnsResolver resolver = new GuardedDnsResolver(Map.of(), Set.of(), true);
    // A server that answers any connection in plain HTTP at once: the client's TLS handshake
    // fails on that answer, which shows that TLS was used for the https URL.
    try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        HttpFetcher fetcher = new HttpFetcher("VigilTest/1.0", CrawlLimits.defaults(), resolver)) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the test fails on the client side then
                }
              });
      answer.start();
      String https = "https://127.0.0.1:" + plain.getLocalPort() + "/";
      assertThatThrownBy(() -> fetcher.fetch(https, HttpFetcher.Purpose.PAGE, null, null))
          .isInstanceOfSatisfying(
              FetchException.class, e -> assertThat(e.cause()).isEqualTo("tls"));
      answer.join(10_000);
      assertThat(fetcher.fetch(base + "/bytes/10", HttpFetcher.Purpose.PAGE, null, null).body())
          .isEqualTo(body(10));
    }
  }
}
