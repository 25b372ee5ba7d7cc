package org.vigil.indexer.internal;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.vigil.indexer.UnsupportedServerException;
import org.vigil.indexer.internal.EsConnection.EsHttpException;

/**
 * Which server answers at the configured URL, asked once at connect time with requests that every
 * Elasticsearch major serves the same way: {@code GET /_cluster/health} and {@code GET
 * /_nodes/_all/_none} ({@code GET /} is not served by the minimal distribution). Vigil supports
 * Elasticsearch 8.11 or later and 9.x (ADR 0003); anything else that answers is a configuration
 * error ({@link UnsupportedServerException}), never an outage to spool through.
 */
public final class ServerCheck {
  /** What the error messages tell users to run instead. */
  public static final String SUPPORTED = "8.11+ or 9.x";

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  private ServerCheck() {}

  /**
   * The version of the oldest node (a cluster in a rolling upgrade is as capable as its oldest
   * node), e.g. {@code 9.2.4}.
   *
   * @throws UnsupportedServerException when the server answered but is not a supported
   *     Elasticsearch
   * @throws IOException when it did not answer, or answered with an error that says nothing about
   *     what it is (401, 403, 429, 5xx: an outage or credentials, not the wrong server)
   */
  public static String version(EsConnection es) throws IOException, UnsupportedServerException {
    String url = es.settings().urlList();
    Answer health = get(es, "/_cluster/health");
    JsonNode healthJson = health.json();
    if (health.status() != 200 || !healthJson.has("cluster_name")) {
      throw new UnsupportedServerException(
          "the server at "
              + url
              + " is not Elasticsearch (GET /_cluster/health answered HTTP "
              + health.status()
              + (health.status() == 200 ? " without a cluster health" : "")
              + "): use Elasticsearch "
              + SUPPORTED);
    }
    Answer nodes = get(es, "/_nodes/_all/_none");
    String oldest = null;
    for (JsonNode node : nodes.json().path("nodes")) {
      String v = node.path("version").asText("");
      if (oldest == null || compare(v, oldest) < 0) {
        oldest = v;
      }
    }
    if (nodes.status() != 200 || oldest == null || !VERSION.matcher(oldest).lookingAt()) {
      throw new UnsupportedServerException(
          "the server at "
              + url
              + " is not Elasticsearch (GET /_nodes answered HTTP "
              + nodes.status()
              + " without node versions): use Elasticsearch "
              + SUPPORTED);
    }
    if (!"Elasticsearch".equals(health.product())) {
      // Elasticsearch has sent this header on every answer since 7.14; OpenSearch never does.
      throw new UnsupportedServerException(
          "the server at "
              + url
              + " (version "
              + oldest
              + ", no X-elastic-product: Elasticsearch header) is not a supported Elasticsearch:"
              + " use Elasticsearch "
              + SUPPORTED);
    }
    if (!supported(oldest)) {
      throw new UnsupportedServerException(
          "Elasticsearch " + oldest + " at " + url + " is not supported: use " + SUPPORTED);
    }
    return oldest;
  }

  /** Whether a version is 8.11 or later within 8.x, or 9.x. */
  static boolean supported(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.lookingAt()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return (major == 8 && minor >= 11) || major == 9;
  }

  /** Orders versions numerically ({@code 8.9.0 < 8.19.2}); unparseable ones sort first. */
  static int compare(String a, String b) {
    Matcher ma = VERSION.matcher(a);
    Matcher mb = VERSION.matcher(b);
    boolean pa = ma.lookingAt();
    boolean pb = mb.lookingAt();
    if (!pa || !pb) {
      return Boolean.compare(pa, pb);
    }
    for (int g = 1; g <= 3; g++) {
      int c = Long.compare(Long.parseLong(ma.group(g)), Long.parseLong(mb.group(g)));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * A GET answered by the server, whatever its status; statuses that do not tell what the server is
   * throw, as every other request's errors do.
   */
  private static Answer get(EsConnection es, String endpoint) throws IOException {
    Response response;
    try {
      response = es.rest().performRequest(new Request("GET", endpoint));
    } catch (ResponseException e) {
      response = e.getResponse();
    }
    HttpEntity entity = response.getEntity();
    String body =
        entity == null ? "" : new String(EntityUtils.toByteArray(entity), StandardCharsets.UTF_8);
    int status = response.getStatusCode();
    if (status == 401 || status == 403 || status == 429 || status >= 500) {
      throw new EsHttpException(status, body);
    }
    return new Answer(status, response.getHeader("X-elastic-product"), body);
  }

  private record Answer(int status, String product, String body) {
    /** The body as JSON, or an empty object when it is not JSON (an HTML page, plain text). */
    JsonNode json() {
      try {
        JsonNode node = Json.MAPPER.readTree(body);
        return node == null || !node.isObject() ? Json.MAPPER.createObjectNode() : node;
      } catch (IOException e) {
        return Json.MAPPER.createObjectNode();
      }
    }
  }
}
