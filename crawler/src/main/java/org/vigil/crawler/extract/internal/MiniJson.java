package org.vigil.crawler.extract.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small lenient JSON reader for JSON-LD blocks: objects become {@link Map}, arrays {@link List},
 * strings {@link String}, numbers {@link Double}, literals {@link Boolean} or {@code null}. Junk
 * around the value (HTML comments, CDATA markers, a trailing semicolon) is skipped. Returns {@code
 * null} instead of throwing when the text is not JSON, because broken JSON-LD is common and only
 * ever a hint.
 */
public final class MiniJson {
  private final String s;
  private int i;

  private MiniJson(String s, int start) {
    this.s = s;
    this.i = start;
  }

  /** Parses the first JSON object or array in {@code text}, or returns {@code null}. */
  public static Object parse(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) != '{' && text.charAt(start) != '[') {
      start++;
    }
    if (start == text.length()) {
      return null;
    }
    try {
      return new MiniJson(text, start).value(0);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Object value(int depth) {
    if (depth > 64) {
      throw new IllegalStateException("too deep");
    }
    ws();
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    i++;
    ws();
    if (s.charAt(i) == '}') {
      i++;
      return map;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(':');
      map.putIfAbsent(key, value(depth + 1));
      ws();
      char c = s.charAt(i++);
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw new IllegalStateException("expected , or }");
      }
      ws();
      if (s.charAt(i) == '}') { // trailing comma
        i++;
        return map;
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    i++;
    ws();
    if (s.charAt(i) == ']') {
      i++;
      return list;
    }
    while (true) {
      list.add(value(depth + 1));
      ws();
      char c = s.charAt(i++);
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw new IllegalStateException("expected , or ]");
      }
      ws();
      if (s.charAt(i) == ']') {
        i++;
        return list;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
  }

  private Object literal(String word, Object result) {
    if (!s.startsWith(word, i)) {
      throw new IllegalStateException("bad literal");
    }
    i += word.length();
    return result;
  }

  private Double number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return Double.valueOf(s.substring(start, i));
  }

  private void expect(char c) {
    if (s.charAt(i) != c) {
      throw new IllegalStateException("expected " + c);
    }
    i++;
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
