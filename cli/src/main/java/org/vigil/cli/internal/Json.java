package org.vigil.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output of the commands: one compact object per line, keys in insertion order. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** The shared mapper (thread-safe for reading and writing). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** An ordered map to build an output object in. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** {@code value} as one line of JSON. */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** An instant as ISO-8601 text, or {@code null}. */
  public static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
