package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Kibana saved objects and docker-compose.yml: well-formed and consistent with the template. */
class DeploymentFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** Every field path of the flagged-items template, multi-fields included. */
  static Set<String> templateFields() throws Exception {
    return templateFields("vigil-flagged-template.json");
  }

  /** Every field path of a template resource, multi-fields included. */
  static Set<String> templateFields(String resource) throws Exception {
    try (InputStream in = VigilIndex.class.getResourceAsStream(resource)) {
      JsonNode mappings = JSON.readTree(in).path("template").path("mappings");
      Set<String> fields = new TreeSet<>();
      collect(mappings.path("properties"), "", fields);
      return fields;
    }
  }

  private static void collect(JsonNode properties, String prefix, Set<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix + e.getKey();
      out.add(path);
      collect(e.getValue().path("properties"), path + ".", out);
      collect(e.getValue().path("fields"), path + ".", out);
    }
  }

  @Test
  void kibanaSavedObjectsAreWellFormedAndUseOnlyTemplateFields() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("kibana/vigil-saved-objects.ndjson"));
    Set<String> fields = templateFields();
    Set<String> clusterFields = templateFields("vigil-clusters-template.json");
    Set<String> ids = new HashSet<>();
    Set<String> types = new HashSet<>();
    Set<String> used = new TreeSet<>();
    Set<String> usedOnClusters = new TreeSet<>();
    for (String line : lines) {
      JsonNode o = JSON.readTree(line); // throws on malformed JSON
      assertThat(o.path("id").asText()).isNotBlank();
      assertThat(o.path("attributes").path("title").asText()).isNotBlank();
      ids.add(o.path("id").asText());
      types.add(o.path("type").asText());
      collectFieldRefs(o, onClusters(o) ? usedOnClusters : used);
    }
    // Spread tracking: a clusters data view (fields of the clusters template) and a growth panel.
    assertThat(ids).contains("vigil-clusters-data-view", "vigil-cluster-growth");
    assertThat(usedOnClusters)
        .contains("first_seen", "hosts", "items", "first_host")
        .allSatisfy(f -> assertThat(clusterFields).as("field %s in clusters", f).contains(f));
    assertThat(used).contains("vigil.cluster.appeared_at", "vigil.cluster.id");
    assertThat(types).contains("index-pattern", "search", "visualization", "dashboard");
    for (String line : lines) {
      for (JsonNode ref : JSON.readTree(line).path("references")) {
        assertThat(ids).as("reference %s", ref).contains(ref.path("id").asText());
      }
    }
    JsonNode dataView = JSON.readTree(lines.get(0));
    assertThat(dataView.path("attributes").path("title").asText()).isEqualTo("vigil-flagged");
    assertThat(dataView.path("attributes").path("timeFieldName").asText()).isEqualTo("@timestamp");
    assertThat(used)
        .contains("@timestamp", "vigil.category", "url.domain", "vigil.indicators.id")
        .allSatisfy(f -> assertThat(fields).as("field %s in the template", f).contains(f));
  }

  @Test
  void kibanaSearchesAndVisualisationsShowOnlyCurrentlyFlaggedItems() throws Exception {
    int checked = 0;
    for (String line : Files.readAllLines(ROOT.resolve("kibana/vigil-saved-objects.ndjson"))) {
      JsonNode o = JSON.readTree(line);
      String type = o.path("type").asText();
      if (!type.equals("search") && !type.equals("visualization") || onClusters(o)) {
        continue; // a cluster document has no flag
      }
      JsonNode source =
          JSON.readTree(
              o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
      assertThat(source.path("query").path("query").asText())
          .as("query of %s (cleared items have vigil.flagged: false)", o.path("id").asText())
          .isEqualTo("vigil.flagged : true");
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  /** Whether a saved object is (or reads) the spread clusters data view. */
  private static boolean onClusters(JsonNode o) {
    if (o.path("id").asText().equals("vigil-clusters-data-view")) {
      return true;
    }
    for (JsonNode ref : o.path("references")) {
      if (ref.path("id").asText().equals("vigil-clusters-data-view")) {
        return true;
      }
    }
    return false;
  }

  /** Field names in visState aggs, search columns/sort and the data view's format map. */
  private static void collectFieldRefs(JsonNode o, Set<String> used) throws Exception {
    JsonNode a = o.path("attributes");
    if (a.has("visState")) {
      for (JsonNode agg : JSON.readTree(a.path("visState").asText()).path("aggs")) {
        if (agg.path("params").has("field")) {
          used.add(agg.path("params").path("field").asText());
        }
      }
    }
    for (JsonNode c : a.path("columns")) {
      used.add(c.asText());
    }
    for (JsonNode s : a.path("sort")) {
      used.add(s.path(0).asText());
    }
    if (a.has("timeFieldName")) {
      used.add(a.path("timeFieldName").asText());
    }
    if (a.has("fieldFormatMap")) {
      JSON.readTree(a.path("fieldFormatMap").asText()).fieldNames().forEachRemaining(used::add);
    }
    String search = a.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("");
    Matcher m = Pattern.compile("([a-z@][\\w.@]*) :").matcher(search);
    while (m.find()) {
      used.add(m.group(1));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void dockerComposeIsValidAndItsReferencesExist() throws Exception {
    String yaml = Files.readString(ROOT.resolve("docker-compose.yml"));
    Map<String, Object> compose =
        (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    assertThat(services).containsOnlyKeys("elasticsearch", "kibana", "setup");

    for (Map.Entry<String, Object> e : services.entrySet()) {
      Map<String, Object> service = (Map<String, Object>) e.getValue();
      assertThat(service.get("image")).as(e.getKey()).isNotNull();
      Object depends = service.get("depends_on");
      if (depends != null) {
        for (Map.Entry<String, Object> d : ((Map<String, Object>) depends).entrySet()) {
          assertThat(services)
              .as("%s depends on %s", e.getKey(), d.getKey())
              .containsKey(d.getKey());
          String condition = (String) ((Map<String, Object>) d.getValue()).get("condition");
          if ("service_healthy".equals(condition)) {
            assertThat((Map<String, Object>) services.get(d.getKey())).containsKey("healthcheck");
          }
        }
      }
      for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
        String source = volume.toString().split(":")[0];
        if (source.startsWith("./")) {
          assertThat(ROOT.resolve(source)).as("mounted by %s", e.getKey()).isRegularFile();
        } else {
          assertThat((Map<String, Object>) compose.get("volumes")).containsKey(source);
        }
      }
    }
    Map<String, Object> es = (Map<String, Object>) services.get("elasticsearch");
    assertThat((List<String>) es.get("environment")).contains("xpack.security.enabled=true");
    assertThat((Map<String, Object>) es.get("healthcheck")).containsKey("test");
    assertThat((Map<String, Object>) services.get("kibana")).containsKey("healthcheck");
    assertThat(es.get("image").toString()).endsWith(":${STACK_VERSION:-9.2.4}");

    // Every variable compose reads from .env is documented in .env.example.
    Set<String> documented = new HashSet<>();
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      if (line.contains("=") && !line.startsWith("#")) {
        documented.add(line.substring(0, line.indexOf('=')));
      }
    }
    Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z_]+)").matcher(yaml);
    Set<String> usedVars = new TreeSet<>();
    while (m.find()) {
      usedVars.add(m.group(1));
    }
    assertThat(usedVars).contains("ELASTIC_PASSWORD", "KIBANA_PASSWORD");
    assertThat(documented).containsAll(usedVars);
    assertThat(documented).contains("STACK_VERSION");
    assertThat(Files.readString(ROOT.resolve(".env.example")))
        .contains("STACK_VERSION=" + EmbeddedElasticsearch.VERSION);
    String setup = String.valueOf(((Map<String, Object>) services.get("setup")).get("command"));
    assertThat(setup)
        .contains("/_security/user/kibana_system/_password")
        .contains("/_index_template/vigil-flagged")
        .contains("/api/saved_objects/_import");
  }
}
