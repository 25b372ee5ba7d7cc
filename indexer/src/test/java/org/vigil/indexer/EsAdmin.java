package org.vigil.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Plain HTTP access to the test cluster, independent of the code under test. */
final class EsAdmin {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String url;

  EsAdmin(String url) {
    this.url = url;
  }

  /** A fresh index prefix, so tests on a shared cluster never collide. */
  static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("content-type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  long count(String index) throws IOException, InterruptedException {
    send("POST", "/" + index + "/_refresh", null);
    return get("/" + index + "/_count").path("count").asLong();
  }

  JsonNode source(String index, String id) throws IOException, InterruptedException {
    return get("/" + index + "/_doc/" + id).path("_source");
  }

  /** Deletes every index and template of a prefix. */
  void drop(String prefix) throws IOException, InterruptedException {
    // Clusters refuse wildcard deletes (action.destructive_requires_name): name each index.
    JsonNode indices = get("/" + prefix + "-*/_settings?filter_path=*.settings.index.uuid");
    List<String> names = new ArrayList<>();
    indices.fieldNames().forEachRemaining(names::add);
    if (!names.isEmpty()) {
      send("DELETE", "/" + String.join(",", names), null);
    }
    send("DELETE", "/_index_template/" + prefix + "-*", null);
  }
}
