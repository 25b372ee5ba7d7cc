package org.vigil.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
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

  /**
   * Creates {@code index} as an older Vigil did: with the mappings of the template resource {@code
   * template} (e.g. {@code vigil-runs-template.json}) without the {@code fields} of the object
   * {@code object} (e.g. {@code vigil} or {@code stats}), and {@code writeAlias} (or none when
   * {@code null}) as its write alias.
   */
  void createOlderIndex(
      String index, String template, String writeAlias, String object, String... fields)
      throws IOException, InterruptedException {
    ObjectNode mappings;
    try (InputStream in = VigilIndex.class.getResourceAsStream(template)) {
      mappings = (ObjectNode) JSON.readTree(in).path("template").path("mappings");
    }
    ((ObjectNode) mappings.path("properties").path(object).path("properties"))
        .remove(List.of(fields));
    ObjectNode body = JSON.createObjectNode();
    body.set("mappings", mappings);
    if (writeAlias != null) {
      body.putObject("aliases").putObject(writeAlias).put("is_write_index", true);
    }
    JsonNode created = send("PUT", "/" + index, body.toString());
    if (!created.path("acknowledged").asBoolean()) {
      throw new IllegalStateException("cannot create " + index + ": " + created);
    }
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
