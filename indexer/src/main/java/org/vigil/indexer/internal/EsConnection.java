package org.vigil.indexer.internal;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.IndexerException;

/**
 * One connection to a cluster: the Java client's low-level {@link Rest5Client}, sending and
 * accepting plain {@code application/json} (bulk bodies go out as pre-serialized bytes).
 *
 * <p>Not the typed {@code ElasticsearchClient}: it sends {@code compatible-with=9} media types,
 * which Elasticsearch 8.x rejects. Plain JSON is every server's native API, and Vigil only sends
 * requests that 8.11+ and 9.x read the same way (ADR 0003, "Supported versions").
 */
public final class EsConnection implements AutoCloseable {
  private final EsSettings settings;
  private final Rest5Client rest;

  private EsConnection(EsSettings settings, Rest5Client rest) {
    this.settings = settings;
    this.rest = rest;
  }

  /** Builds the client; does not contact the cluster. */
  public static EsConnection open(EsSettings settings) throws IndexerException {
    List<URI> uris = new ArrayList<>();
    for (String url : settings.urls()) {
      uris.add(URI.create(url));
    }
    List<Header> headers = new ArrayList<>();
    if (settings.apiKey() != null) {
      headers.add(new BasicHeader("Authorization", "ApiKey " + settings.apiKey()));
    } else if (settings.user() != null) {
      String pair =
          settings.user() + ":" + (settings.password() == null ? "" : settings.password());
      headers.add(
          new BasicHeader(
              "Authorization",
              "Basic "
                  + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }
    var builder =
        Rest5Client.builder(uris)
            .setDefaultHeaders(headers.toArray(new Header[0]))
            .setConnectionConfigCallback(
                c ->
                    c.setConnectTimeout(Timeout.ofSeconds(3))
                        .setSocketTimeout(Timeout.ofSeconds(120)))
            .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.ofSeconds(120)))
            // The bulk engine retries with its own backoff and counts the retries; the HTTP
            // client's silent one-second re-executions of 429/503 would hide them.
            .setHttpClientConfigCallback(h -> h.disableAutomaticRetries());
    if (settings.caCert() != null) {
      builder.setSSLContext(sslContext(settings.caCert()));
    }
    return new EsConnection(settings, builder.build());
  }

  /** An SSL context trusting exactly the certificates of a PEM file. */
  static SSLContext sslContext(Path pem) throws IndexerException {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IndexerException(pem + ": no certificate found in the CA certificate file");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new IndexerException(pem + ": cannot load the CA certificate: " + e.getMessage(), e);
    }
  }

  public EsSettings settings() {
    return settings;
  }

  public Rest5Client rest() {
    return rest;
  }

  /**
   * Sends a request and returns the response body; non-2xx answers throw {@link EsHttpException}.
   */
  public byte[] send(String method, String endpoint, byte[] body, String contentType)
      throws IOException {
    Request request = new Request(method, endpoint);
    if (body != null) {
      request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
    }
    try {
      Response response = rest.performRequest(request);
      HttpEntity entity = response.getEntity();
      byte[] bytes = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
      if (response.getStatusCode() >= 300) {
        // the low-level client does not throw for every error status (e.g. 404)
        throw new EsHttpException(
            response.getStatusCode(), new String(bytes, StandardCharsets.UTF_8));
      }
      return bytes;
    } catch (ResponseException e) {
      Response response = e.getResponse();
      HttpEntity entity = response.getEntity();
      String text = "";
      try {
        text = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
      } catch (Exception ignored) {
        // keep the status alone
      }
      throw new EsHttpException(response.getStatusCode(), text);
    }
  }

  /** The status of a HEAD request (the low-level client does not throw for a 404 there). */
  public int head(String endpoint) throws IOException {
    try {
      return rest.performRequest(new Request("HEAD", endpoint)).getStatusCode();
    } catch (ResponseException e) {
      return e.getResponse().getStatusCode();
    }
  }

  /** A JSON request; returns the parsed answer. */
  public JsonNode json(String method, String endpoint, Object body) throws IOException {
    byte[] bytes =
        body == null
            ? null
            : body instanceof byte[] b
                ? b
                : body instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8)
                    : Json.MAPPER.writeValueAsBytes(body);
    byte[] answer = send(method, endpoint, bytes, "application/json");
    return answer.length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(answer);
  }

  /**
   * A search whose answer is complete or an error ({@code allow_partial_search_results=false}): by
   * default Elasticsearch answers a search some of whose shards failed (a tripped circuit breaker,
   * a closed index) with the other shards' hits, and a count, a report or a spread pass would take
   * the missing ones for absent. {@code params} are more query parameters ({@code a=b&c=d}) or
   * empty.
   */
  public JsonNode search(String indices, String params, Object body) throws IOException {
    String query = "allow_partial_search_results=false" + (params.isEmpty() ? "" : "&" + params);
    return json("POST", "/" + indices + "/_search?" + query, body);
  }

  /**
   * The number of documents of {@code indices} that {@code body}'s query matches; like {@link
   * #search}, an error unless every shard answered.
   */
  public long count(String indices, Object body) throws IOException {
    JsonNode answer = json("POST", "/" + indices + "/_count", body);
    JsonNode shards = answer.path("_shards");
    if (shards.path("failed").asInt(0) > 0) {
      throw new IOException(
          "count incomplete: "
              + shards.path("failed").asInt()
              + " of "
              + shards.path("total").asInt()
              + " shards failed ("
              + shards.path("failures").path(0).path("reason").path("type").asText("unknown")
              + ")");
    }
    return answer.path("count").asLong();
  }

  /** A one-line description of a failure for messages; never contains credentials. */
  public String describe(Exception e) {
    if (e instanceof EsHttpException h) {
      return "HTTP " + h.status() + " " + h.reason();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName()
        + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  @Override
  public void close() {
    try {
      rest.close();
    } catch (IOException ignored) {
      // closing a client cannot lose data
    }
  }

  /** A non-2xx answer. */
  public static final class EsHttpException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;

    EsHttpException(int status, String body) {
      super("HTTP " + status);
      this.status = status;
      this.body = body;
    }

    public int status() {
      return status;
    }

    public String body() {
      return body;
    }

    /**
     * Elasticsearch's error type and reason, one line, with its first root cause when that is
     * another error (a search whose shards all failed says why only there); or a body excerpt.
     */
    public String reason() {
      try {
        JsonNode err = Json.MAPPER.readTree(body).path("error");
        if (err.isObject()) {
          String reason = err.path("type").asText() + ": " + err.path("reason").asText();
          JsonNode cause = err.path("root_cause").path(0);
          String causeType = cause.path("type").asText(err.path("type").asText());
          return causeType.equals(err.path("type").asText())
              ? reason
              : reason + " (" + causeType + ": " + cause.path("reason").asText() + ")";
        }
      } catch (IOException | RuntimeException ignored) {
        // not JSON
      }
      String line = body == null ? "" : body.lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) : line;
    }
  }
}
