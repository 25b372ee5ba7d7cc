package org.vigil.crawler.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.vigil.crawler.ConfigError;

/**
 * Typed values out of a YAML file's nodes for {@link ConfigParser}: each reader returns the value
 * or a fallback, and records what was wrong (file, line, field, message) instead of throwing, so
 * that one run reports every problem of the file.
 */
final class YamlFields {
  private final Path file;
  final List<ConfigError> errors = new ArrayList<>();

  YamlFields(Path file) {
    this.file = file;
  }

  /**
   * The keys of {@code map} that are in {@code allowed}; unknown, duplicate and non-scalar keys are
   * errors.
   */
  Map<String, NodeTuple> keys(MappingNode map, Set<String> allowed, String prefix) {
    Map<String, NodeTuple> keys = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        error(tuple.getKeyNode(), prefix + "(key)", "keys must be plain names");
        continue;
      }
      String key = keyNode.getValue();
      if (!allowed.contains(key)) {
        error(
            keyNode,
            prefix + key,
            "unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      } else if (keys.containsKey(key)) {
        error(
            keyNode,
            prefix + key,
            "duplicate key (first on line " + line(keys.get(key).getKeyNode()) + ")");
      } else {
        keys.put(key, tuple);
      }
    }
    return keys;
  }

  /** A scalar value, or {@code fallback} when absent (an error when not a scalar). */
  String string(NodeTuple tuple, String field, String fallback) {
    if (tuple == null) {
      return fallback;
    }
    if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
      error(tuple.getValueNode(), field, "expected a single value");
      return fallback;
    }
    return scalar.getValue();
  }

  /** A list of non-empty strings, stripped and without repeats; absent or null: empty. */
  List<String> strings(NodeTuple tuple, String field) {
    if (tuple == null) {
      return List.of();
    }
    Node node = tuple.getValueNode();
    if (node instanceof ScalarNode scalar && isNull(scalar)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode seq)) {
      error(node, field, "expected a list");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      if (!(item instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
        error(item, field + "[" + i + "]", "expected a non-empty string");
        values.add("");
      } else {
        values.add(scalar.getValue().strip());
      }
    }
    values.removeIf(v -> v.isEmpty() || !seen.add(v));
    return values;
  }

  /** {@code true} or {@code false}, or {@code fallback} when absent. */
  boolean bool(NodeTuple tuple, String field, boolean fallback) {
    return parseScalar(
        tuple,
        field,
        fallback,
        v ->
            switch (v.toLowerCase(Locale.ROOT)) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              default -> null;
            },
        "expected true or false");
  }

  /** An integer within [min, max] ({@code _} separators allowed), or {@code fallback}. */
  int integer(NodeTuple tuple, String field, int fallback, int min, int max) {
    return (int) longValue(tuple, field, fallback, min, max);
  }

  /** A long within [min, max] ({@code _} separators allowed), or {@code fallback}. */
  long longValue(NodeTuple tuple, String field, long fallback, long min, long max) {
    Long value =
        parseScalar(
            tuple,
            field,
            fallback,
            v -> {
              try {
                return Long.parseLong(v.replace("_", ""));
              } catch (NumberFormatException e) {
                return null;
              }
            },
            "expected an integer");
    if (value < min || value > max) {
      error(tuple.getValueNode(), field, value + " is out of range [" + min + ", " + max + "]");
      return fallback;
    }
    return value;
  }

  /**
   * A number strictly between 0 and 1 (a score threshold), or {@code null} when the key is absent
   * or invalid (the error recorded).
   */
  Double fraction(NodeTuple tuple, String field) {
    Double value =
        parseScalar(
            tuple,
            field,
            null,
            v -> {
              try {
                return Double.valueOf(v.strip());
              } catch (NumberFormatException e) {
                return null;
              }
            },
            "expected a number between 0 and 1");
    if (value != null && !(value > 0 && value < 1)) {
      error(
          tuple.getValueNode(),
          field,
          value + " is out of range: expected more than 0, less than 1");
      return null;
    }
    return value;
  }

  private <T> T parseScalar(
      NodeTuple tuple, String field, T fallback, Function<String, T> parser, String expected) {
    if (tuple == null) {
      return fallback;
    }
    Node node = tuple.getValueNode();
    if (!(node instanceof ScalarNode scalar)) {
      error(node, field, expected);
      return fallback;
    }
    T value = parser.apply(scalar.getValue().strip());
    if (value == null) {
      error(node, field, expected + ", got '" + scalar.getValue() + "'");
      return fallback;
    }
    return value;
  }

  /** Whether a scalar is YAML null (empty, {@code ~}, {@code null}). */
  static boolean isNull(ScalarNode scalar) {
    String v = scalar.getValue();
    return v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null");
  }

  /** The node of list item {@code index} (for its line), else the value node itself. */
  static Node seqItem(NodeTuple tuple, int index) {
    if (tuple != null
        && tuple.getValueNode() instanceof SequenceNode seq
        && index < seq.getValue().size()) {
      return seq.getValue().get(index);
    }
    return tuple == null ? null : tuple.getValueNode();
  }

  /** The 1-based line of {@code node}, 0 when unknown. */
  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
  }

  /** Records an error at {@code node}. */
  void error(Node node, String field, String message) {
    errors.add(new ConfigError(file, line(node), field, message));
  }

  /** The errors so far, by line (file order within a line). */
  List<ConfigError> sortedErrors() {
    List<ConfigError> sorted = new ArrayList<>(errors);
    sorted.sort(java.util.Comparator.comparingInt(ConfigError::line)); // stable: file order
    return List.copyOf(sorted);
  }
}
