package org.vigil.indexer.internal.spread;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.vigil.indexer.internal.EsConnection;
import org.vigil.indexer.internal.EsConnection.EsHttpException;
import org.vigil.indexer.internal.Json;

/**
 * The indices of spread tracking: {@code PREFIX-clusters} (one document per cluster) and the
 * versioned {@code PREFIX-copies-000001} behind the alias {@code PREFIX-copies} (verbatim copies;
 * an alias because the bulk indexer writes there with {@code require_alias}).
 */
public final class SpreadIndices {
  private static final String CLUSTERS_TEMPLATE = "/org/vigil/indexer/vigil-clusters-template.json";
  private static final String COPIES_TEMPLATE = "/org/vigil/indexer/vigil-copies-template.json";

  private SpreadIndices() {}

  /** {@code PREFIX-clusters}. */
  public static String clusters(String prefix) {
    return prefix + "-clusters";
  }

  /** {@code PREFIX-copies}, the copies' write alias. */
  public static String copies(String prefix) {
    return prefix + "-copies";
  }

  /**
   * Installs both templates and creates the indices when missing, else adds new template fields to
   * them. Idempotent.
   */
  public static void setup(EsConnection es, String prefix) throws IOException {
    ObjectNode clusters = template(CLUSTERS_TEMPLATE, clusters(prefix) + "*");
    ObjectNode copies = template(COPIES_TEMPLATE, copies(prefix) + "-*");
    es.json("PUT", "/_index_template/" + clusters(prefix), clusters);
    es.json("PUT", "/_index_template/" + copies(prefix), copies);
    if (es.head("/" + clusters(prefix)) == 404) {
      create(es, clusters(prefix), Json.MAPPER.createObjectNode());
    } else {
      es.json(
          "PUT", "/" + clusters(prefix) + "/_mapping", clusters.path("template").path("mappings"));
    }
    if (es.head("/_alias/" + copies(prefix)) == 404) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.putObject("aliases").putObject(copies(prefix)).put("is_write_index", true);
      create(es, copies(prefix) + "-000001", body);
    } else {
      es.json("PUT", "/" + copies(prefix) + "/_mapping", copies.path("template").path("mappings"));
    }
  }

  /** The clusters template as installed for {@code prefix} (for Kibana object validation). */
  public static ObjectNode clustersTemplate(String prefix) throws IOException {
    return template(CLUSTERS_TEMPLATE, clusters(prefix) + "*");
  }

  /** The copies template as installed for {@code prefix}. */
  public static ObjectNode copiesTemplate(String prefix) throws IOException {
    return template(COPIES_TEMPLATE, copies(prefix) + "-*");
  }

  private static void create(EsConnection es, String name, ObjectNode body) throws IOException {
    try {
      es.json("PUT", "/" + name, body);
    } catch (EsHttpException e) {
      if (!e.body().contains("resource_already_exists_exception")) {
        throw e; // a concurrent setup created it: fine
      }
    }
  }

  private static ObjectNode template(String resource, String pattern) throws IOException {
    try (InputStream in = SpreadIndices.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " missing from the classpath");
      }
      ObjectNode t = (ObjectNode) Json.MAPPER.readTree(in);
      t.putArray("index_patterns").add(pattern);
      return t;
    }
  }
}
