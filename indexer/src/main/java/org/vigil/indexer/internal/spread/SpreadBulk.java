package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.Json;

/**
 * One bulk request of a spread pass: update operations gathered, then sent at once. Any rejected
 * operation fails the pass, which the next one repeats (its writes are idempotent).
 */
final class SpreadBulk {
  private final ByteArrayOutputStream ops = new ByteArrayOutputStream();

  /** Adds an update of document {@code id} of {@code index} with {@code body} ({@code doc}…). */
  private void update(String index, String id, ObjectNode body) throws IOException {
    ObjectNode action = Json.MAPPER.createObjectNode();
    ObjectNode meta = action.putObject("update");
    meta.put("_index", index);
    meta.put("_id", id);
    meta.put("retry_on_conflict", 3);
    ops.write(Json.MAPPER.writeValueAsBytes(action));
    ops.write('\n');
    ops.write(Json.MAPPER.writeValueAsBytes(body));
    ops.write('\n');
  }

  /** Adds a partial-document update: {@code doc} merged into document {@code id}. */
  void updateDoc(String index, String id, ObjectNode doc) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("doc", doc);
    update(index, id, body);
  }

  /** Adds a partial-document update that creates document {@code id} when it is missing. */
  void upsertDoc(String index, String id, ObjectNode doc) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("doc", doc);
    body.put("doc_as_upsert", true);
    update(index, id, body);
  }

  /** Sends what was added, if anything; throws on the first rejected operation. */
  void send(EsConnection es) throws IOException {
    if (ops.size() == 0) {
      return;
    }
    byte[] answer =
        es.send(
            "POST",
            "/_bulk?filter_path=errors,items.*.error",
            ops.toByteArray(),
            "application/x-ndjson");
    JsonNode result = Json.MAPPER.readTree(answer);
    if (result.path("errors").asBoolean(false)) {
      for (JsonNode item : result.path("items")) {
        JsonNode error = item.elements().next().path("error");
        if (!error.isMissingNode()) {
          throw new IOException(
              "spread update rejected: "
                  + error.path("type").asText()
                  + ": "
                  + error.path("reason").asText());
        }
      }
    }
  }
}
