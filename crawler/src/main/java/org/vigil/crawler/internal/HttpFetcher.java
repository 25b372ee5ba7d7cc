package org.vigil.crawler.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import org.vigil.crawler.CrawlLimits;

/**
 * Fetches single URLs (no redirect following: the crawler checks every hop itself) with Apache
 * HttpClient 5: pooled connections, connect/read/total timeouts, no automatic decompression (the
 * body is decoded here, bounded), a content-type allowlist checked before the body is read, and the
 * SSRF guard in the connection's DNS resolver.
 */
public final class HttpFetcher implements Closeable {
  /** What a response is fetched for; decides the content types accepted. */
  public enum Purpose {
    PAGE,
    ROBOTS,
    SITEMAP,
    FEED
  }

  /** HTML, XHTML and feeds: what a page fetch accepts. */
  static final Set<String> PAGE_TYPES =
      Set.of(
          "text/html",
          "application/xhtml+xml",
          "application/rss+xml",
          "application/atom+xml",
          "application/rdf+xml",
          "application/xml",
          "text/xml");

  static final Set<String> FEED_TYPES =
      Set.of(
          "application/rss+xml",
          "application/atom+xml",
          "application/rdf+xml",
          "application/xml",
          "text/xml",
          "text/plain",
          "application/octet-stream");

  static final Set<String> SITEMAP_TYPES =
      Set.of(
          "application/xml",
          "text/xml",
          "text/plain",
          "application/gzip",
          "application/x-gzip",
          "application/octet-stream");

  private static final int ERROR_BODY_MAX = 64 * 1024;
  private static final int SCRATCH_BYTES = 64 * 1024;
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);
  private static final long BOMB_RATIO = 100;

  private final CrawlLimits limits;
  private final GuardedDnsResolver resolver;
  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager pool;
  private final ScheduledThreadPoolExecutor watchdog;

  public HttpFetcher(String userAgent, CrawlLimits limits, GuardedDnsResolver resolver) {
    this.limits = limits;
    this.resolver = resolver;
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(resolver)
            .setTlsSocketStrategy(new LazyTls())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofMilliseconds(limits.connectTimeoutMs()))
                    .setSocketTimeout(Timeout.ofMilliseconds(limits.readTimeoutMs()))
                    .build())
            .setDefaultSocketConfig(
                SocketConfig.custom()
                    .setSoTimeout(Timeout.ofMilliseconds(limits.readTimeoutMs()))
                    .setTcpNoDelay(true)
                    .build())
            .setMaxConnTotal(Math.max(4, limits.threads() * 2))
            .setMaxConnPerRoute(Math.max(2, limits.threads()))
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableContentCompression() // decoded here, bounded: no decompression bombs
            .disableRedirectHandling() // every hop is checked by the crawler
            .disableAutomaticRetries() // retries are the crawler's, with per-host backoff
            .disableCookieManagement()
            // With cookies off the cookie specs are never used; the default registry would load
            // and parse the public suffix list (~10k rules) at start-up.
            .setDefaultCookieSpecRegistry(RegistryBuilder.<CookieSpecFactory>create().build())
            .disableAuthCaching()
            .setUserAgent(userAgent)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.ofMilliseconds(limits.fetchTimeoutMs()))
                    .setResponseTimeout(Timeout.ofMilliseconds(limits.readTimeoutMs()))
                    .build())
            .build();
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("vigil-fetch-watchdog"));
    watchdog.setRemoveOnCancelPolicy(true);
  }

  /**
   * Fetches {@code url} once.
   *
   * @param etag sent as If-None-Match, or {@code null}
   * @param lastModified sent as If-Modified-Since, or {@code null}
   * @throws FetchException for network errors, guard refusals and limits
   */
  public FetchResponse fetch(String url, Purpose purpose, String etag, String lastModified)
      throws FetchException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException("fetch", "invalid-url", url + ": " + e.getReason(), false);
    }
    try {
      resolver.checkLiteral(uri.getHost());
    } catch (BlockedAddressException e) {
      throw new FetchException("guard", "private-address", url + ": " + e.getMessage(), false);
    }
    HttpGet get = new HttpGet(uri);
    get.setHeader("Accept", accept(purpose));
    get.setHeader("Accept-Encoding", "gzip, deflate");
    if (etag != null) {
      get.setHeader("If-None-Match", etag);
    }
    if (lastModified != null) {
      get.setHeader("If-Modified-Since", lastModified);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.fetchTimeoutMs());
    // The watchdog cancels a response that trickles in slower than fetch_timeout_ms in total.
    ScheduledFuture<?> timer =
        watchdog.schedule(() -> get.cancel(), limits.fetchTimeoutMs(), TimeUnit.MILLISECONDS);
    ClassicHttpResponse response = null;
    try {
      response = client.executeOpen(RoutingSupport.determineHost(get), get, null);
      return read(url, purpose, get, response, deadline);
    } catch (FetchException e) {
      throw e;
    } catch (IOException e) {
      throw translate(url, e, System.nanoTime() - deadline >= 0 || timer.isDone());
    } catch (HttpException | RuntimeException e) {
      throw new FetchException("fetch", "error", url + ": " + e, false);
    } finally {
      timer.cancel(false);
      closeQuietly(response);
    }
  }

  private FetchResponse read(
      String url, Purpose purpose, HttpGet get, ClassicHttpResponse response, long deadline)
      throws IOException {
    int status = response.getCode();
    String contentType = header(response, "Content-Type");
    String mediaType = mediaType(contentType);
    String etag = header(response, "ETag");
    String lastModified = header(response, "Last-Modified");
    String location = header(response, "Location");
    String retryAfter = header(response, "Retry-After");
    HttpEntity entity = response.getEntity();
    byte[] body = new byte[0];
    boolean truncated = false;
    if (status >= 200 && status < 300 && entity != null) {
      if (!accepted(purpose, mediaType)) {
        get.cancel(); // drop the connection instead of downloading a binary
        throw new FetchException(
            "limit", "content-type", url + ": content type '" + mediaType + "' not crawled", false);
      }
      BodyLimit limit = bodyLimit(purpose, mediaType);
      long length = entity.getContentLength();
      if (length > limit.bytes() && !limit.truncate()) {
        get.cancel();
        throw new FetchException(
            "limit",
            "too-large",
            url + ": Content-Length " + length + " > " + limit.describe(),
            false);
      }
      Body decoded = readBody(url, entity, header(response, "Content-Encoding"), deadline, limit);
      body = decoded.bytes;
      truncated = decoded.truncated;
      if (truncated) {
        get.cancel(); // do not drain the rest of a huge body
      }
    } else if (entity != null) {
      long length = entity.getContentLength();
      if (length >= 0 && length <= ERROR_BODY_MAX) {
        entity.getContent().readNBytes(ERROR_BODY_MAX); // small: read so the connection is reused
      } else {
        get.cancel();
      }
    }
    return new FetchResponse(
        url,
        status,
        contentType,
        mediaType,
        etag,
        lastModified,
        location,
        retryAfter,
        body,
        truncated);
  }

  private record Body(byte[] bytes, boolean truncated) {}

  /**
   * How much of a body is read: {@code max_bytes} for pages (truncated or skipped beyond it, as
   * configured), {@code max_feed_bytes} for feeds and sitemaps, which are never truncated (a cut
   * XML document does not parse): beyond it they fail, naming the setting.
   */
  private record BodyLimit(long bytes, String setting, boolean truncate) {
    String describe() {
      return setting + " " + bytes + " (raise " + setting + " for this source)";
    }
  }

  private BodyLimit bodyLimit(Purpose purpose, String mediaType) {
    boolean feedLike =
        purpose == Purpose.FEED
            || purpose == Purpose.SITEMAP
            || (purpose == Purpose.PAGE
                && !mediaType.isEmpty()
                && !mediaType.equals("text/html")
                && !mediaType.equals("application/xhtml+xml"));
    if (feedLike) {
      return new BodyLimit(limits.maxFeedBytes(), "max_feed_bytes", false);
    }
    return new BodyLimit(limits.maxBytes(), "max_bytes", limits.truncateTooLarge());
  }

  /**
   * HttpClient's default TLS strategy ({@link DefaultClientTlsStrategy#createDefault()}, what the
   * pool builder would make), created at the first https connection: its SSL context loads and
   * parses the JDK's CA certificates, CPU that a crawl of http sites never needs.
   */
  private static final class LazyTls implements TlsSocketStrategy {
    private volatile TlsSocketStrategy tls;

    @Override
    public SSLSocket upgrade(
        Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      return tls().upgrade(socket, target, port, attachment, context);
    }

    private TlsSocketStrategy tls() {
      TlsSocketStrategy t = tls;
      if (t == null) {
        synchronized (this) {
          t = tls;
          if (t == null) {
            t = DefaultClientTlsStrategy.createDefault();
            tls = t;
          }
        }
      }
      return t;
    }
  }

  /** Reads at most the limit's decoded bytes; a gzip/deflate body is decoded here, bounded. */
  private Body readBody(
      String url, HttpEntity entity, String encoding, long deadline, BodyLimit limit)
      throws IOException {
    CountingStream raw = new CountingStream(entity.getContent());
    String enc = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
    InputStream in;
    try {
      in =
          switch (enc) {
            case "", "identity", "none" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 512);
            case "deflate" -> deflate(raw);
            default ->
                throw new FetchException(
                    "fetch", "unsupported-encoding", url + ": Content-Encoding " + enc, false);
          };
    } catch (ZipException e) {
      throw new FetchException("fetch", "bad-encoding", url + ": " + e.getMessage(), false);
    }
    long max = limit.bytes();
    // Read into this thread's scratch buffer first (most bodies fit): no 64 KiB array to
    // allocate and zero per page, only the exact copy returned.
    byte[] scratch = SCRATCH.get();
    byte[] buf = scratch;
    int capacity = (int) Math.min(max + 1, SCRATCH_BYTES);
    int n = 0;
    try {
      while (true) {
        if (n == capacity) {
          if (n > max) {
            break;
          }
          capacity = (int) Math.min(max + 1, (long) capacity * 2);
          buf = Arrays.copyOf(buf, capacity);
        }
        int r = in.read(buf, n, capacity - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (System.nanoTime() - deadline >= 0) {
          throw new FetchException(
              "fetch", "timeout", url + ": body slower than fetch_timeout_ms", true);
        }
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new FetchException("fetch", "bad-encoding", url + ": " + e.getMessage(), false);
    }
    if (n <= max) {
      return new Body(n == buf.length && buf != scratch ? buf : Arrays.copyOf(buf, n), false);
    }
    if (raw != in && n / Math.max(1, raw.count) > BOMB_RATIO) {
      throw new FetchException(
          "limit",
          "decompression-bomb",
          url + ": " + raw.count + " compressed bytes expand beyond " + limit.setting() + " " + max,
          false);
    }
    if (!limit.truncate()) {
      throw new FetchException(
          "limit", "too-large", url + ": body exceeds " + limit.describe(), false);
    }
    return new Body(Arrays.copyOf(buf, (int) max), true);
  }

  private static InputStream deflate(CountingStream raw) throws IOException {
    // "deflate" is zlib-wrapped per RFC 9110, but some servers send raw deflate.
    raw.mark(2);
    int first = raw.read();
    raw.reset();
    boolean zlib = first >= 0 && (first & 0x0f) == 8;
    return new InflaterInputStream(raw, new Inflater(!zlib), 512);
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    if (response != null) {
      try {
        response.close();
      } catch (IOException e) {
        // after cancel() the socket is already gone: that is the point
      }
    }
  }

  private static FetchException translate(String url, IOException e, boolean timedOut) {
    Throwable t = e;
    for (int i = 0; i < 5 && t != null; i++) {
      if (t instanceof BlockedAddressException) {
        return new FetchException("guard", "private-address", url + ": " + t.getMessage(), false);
      }
      t = t.getCause();
    }
    String detail = url + ": " + oneLine(e);
    if (timedOut) {
      return new FetchException("fetch", "timeout", url + ": exceeded fetch_timeout_ms", true);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new FetchException("fetch", "timeout", detail, true);
    }
    if (e instanceof UnknownHostException) {
      return new FetchException("fetch", "dns", detail, false);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new FetchException("fetch", "connect", detail, true);
    }
    if (e instanceof SSLException) {
      return new FetchException("fetch", "tls", detail, false);
    }
    return new FetchException("fetch", "io", detail, true);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
  }

  static boolean accepted(Purpose purpose, String mediaType) {
    if (mediaType.isEmpty()) {
      return true; // no header: the parsers sniff
    }
    return switch (purpose) {
      case PAGE -> PAGE_TYPES.contains(mediaType);
      case ROBOTS -> mediaType.startsWith("text/") || mediaType.equals("application/octet-stream");
      case FEED -> FEED_TYPES.contains(mediaType);
      case SITEMAP -> SITEMAP_TYPES.contains(mediaType);
    };
  }

  private static String accept(Purpose purpose) {
    return switch (purpose) {
      case PAGE -> "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.1";
      case ROBOTS -> "text/plain,*/*;q=0.1";
      case SITEMAP -> "application/xml,text/xml,text/plain;q=0.9,*/*;q=0.1";
      case FEED -> "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1";
    };
  }

  /** The media type of a Content-Type header, lower case, without parameters; empty when absent. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setName(name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    try {
      client.close();
    } catch (IOException e) {
      // closing sockets: nothing useful to do
    }
  }

  /** Counts the compressed bytes read, for the decompression-ratio check. */
  private static final class CountingStream extends java.io.BufferedInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in, 8192);
    }

    @Override
    public synchronized int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public synchronized void reset() throws IOException {
      int before = pos;
      super.reset();
      count -= before - pos;
    }
  }
}
