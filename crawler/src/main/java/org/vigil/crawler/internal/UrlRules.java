package org.vigil.crawler.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigil.crawler.CrawlLimits;
import org.vigil.model.Scope;

/**
 * URL normalisation (so that one page has one key), scope and trap rules of one source. Immutable
 * and thread-safe.
 */
public final class UrlRules {
  /** Why a URL is not crawled, or {@code null} when it may be. */
  public enum Verdict {
    OK,
    INVALID,
    OUT_OF_SCOPE,
    TOO_LONG,
    REPEATED_PATH
  }

  private final List<ScopeHost> scope;
  private final List<String> scopeHosts;
  private final List<Pattern> include;
  private final List<Pattern> exclude;
  private final List<String> stripExact;
  private final List<String> stripPrefix;
  private final int maxUrlLength;
  private final int maxPathRepeats;

  public UrlRules(Scope scope, List<String> seeds, CrawlLimits limits) {
    List<String> hosts = scope.hosts().isEmpty() ? ConfigParser.seedHosts(seeds) : scope.hosts();
    this.scope = hosts.stream().map(ScopeHost::parse).toList(); // validated by ConfigParser
    this.scopeHosts = this.scope.stream().map(ScopeHost::host).distinct().toList();
    this.include = scope.include().stream().map(Pattern::compile).toList();
    this.exclude = scope.exclude().stream().map(Pattern::compile).toList();
    List<String> exact = new ArrayList<>();
    List<String> prefix = new ArrayList<>();
    for (String p : limits.stripQueryParams()) {
      String lower = p.toLowerCase(Locale.ROOT);
      if (lower.endsWith("*")) {
        prefix.add(lower.substring(0, lower.length() - 1));
      } else {
        exact.add(lower);
      }
    }
    this.stripExact = List.copyOf(exact);
    this.stripPrefix = List.copyOf(prefix);
    this.maxUrlLength = limits.maxUrlLength();
    this.maxPathRepeats = limits.maxPathRepeats();
  }

  /**
   * The scope hosts, lower case, without their ports: the hosts exempt from the SSRF guard (which
   * judges addresses, not ports; the scope check admits only an entry's port).
   */
  public List<String> scopeHosts() {
    return scopeHosts;
  }

  /**
   * The normalised redirect target, or a {@code fetch:bad-redirect} failure whose detail is {@code
   * context} followed by "redirect to" and the target.
   */
  public String normalizeRedirect(String target, String context) throws FetchException {
    String next = normalize(target);
    if (next == null) {
      throw new FetchException("fetch", "bad-redirect", context + "redirect to " + target, false);
    }
    return next;
  }

  /**
   * The normalised form of an absolute http(s) URL, or {@code null} when it is not one: lower-case
   * scheme and host, no default port, no fragment, dot segments resolved, tracking/session
   * parameters (query and {@code ;jsessionid=} path parameters) removed, remaining query parameters
   * sorted.
   */
  public String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.isEmpty() || s.length() > maxUrlLength * 4) {
      return null;
    }
    String plain = normalizePlain(s);
    if (plain != null) {
      return plain;
    }
    URI uri = parse(s);
    if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
      return null; // credentials in URLs are never followed
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
      port = -1;
    }
    String path = uri.getRawPath();
    path = path == null || path.isEmpty() ? "/" : removeDotSegments(stripPathParams(path));
    String query = stripQuery(uri.getRawQuery());
    StringBuilder out = new StringBuilder(s.length());
    out.append(scheme).append("://").append(host);
    if (port != -1) {
      out.append(':').append(port);
    }
    out.append(path);
    if (query != null && !query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * {@link #normalize} without {@link URI} for the common plain URL: {@code http(s)://} in lower
   * case, a host of lower-case letter-digit-hyphen labels whose last label starts with a letter, or
   * a dotted-quad IPv4 address, an optional port of 1-5 digits, then only characters that a URI
   * path, query and fragment allow as they are (valid %XX escapes included). For such a URL {@code
   * new URI(s)} succeeds and yields exactly these parts, so the result is the same; anything else
   * returns {@code null} and takes the general path.
   */
  private String normalizePlain(String s) {
    Plain p = Plain.parse(s);
    if (p == null) {
      return null;
    }
    int port = p.port();
    if ((port == 80 && p.scheme().equals("http")) || (port == 443 && p.scheme().equals("https"))) {
      port = -1;
    }
    String path = s.substring(p.pathStart(), p.pathEnd());
    path = path.isEmpty() ? "/" : removeDotSegments(stripPathParams(path));
    String query =
        p.pathEnd() < p.bodyEnd() ? stripQuery(s.substring(p.pathEnd() + 1, p.bodyEnd())) : null;
    StringBuilder out = new StringBuilder(s.length());
    out.append(p.scheme()).append("://").append(s, p.hostStart(), p.hostEnd());
    if (port != -1) {
      out.append(':').append(port);
    }
    out.append(path);
    if (query != null && !query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * The parts of a plain http(s) URL, see {@link #normalizePlain}: positions in the string, {@code
   * port} -1 when absent. For such a URL, {@code new URI(s)} has exactly these parts.
   */
  private record Plain(
      String scheme,
      int hostStart,
      int hostEnd,
      int port,
      int pathStart,
      int pathEnd,
      int bodyEnd) {
    /** The parts of {@code s}, or {@code null} when it is not a plain URL. */
    static Plain parse(String s) {
      int start;
      String scheme;
      if (s.startsWith("http://")) {
        start = 7;
        scheme = "http";
      } else if (s.startsWith("https://")) {
        start = 8;
        scheme = "https";
      } else {
        return null;
      }
      int len = s.length();
      int end = start;
      while (end < len) {
        char c = s.charAt(end);
        if (c == '/' || c == '?' || c == '#') {
          break;
        }
        end++;
      }
      int colon = s.indexOf(':', start);
      int hostEnd = colon >= 0 && colon < end ? colon : end;
      if (!isPlainHost(s, start, hostEnd)) {
        return null;
      }
      int port = -1;
      if (hostEnd < end) {
        int digits = end - hostEnd - 1;
        if (digits < 1 || digits > 5) {
          return null;
        }
        port = 0;
        for (int i = hostEnd + 1; i < end; i++) {
          char c = s.charAt(i);
          if (c < '0' || c > '9') {
            return null;
          }
          port = port * 10 + (c - '0');
        }
      }
      int hash = s.indexOf('#', end);
      int bodyEnd = hash < 0 ? len : hash;
      if (!isPlainUriPart(s, end, bodyEnd) || (hash >= 0 && !isPlainUriPart(s, hash + 1, len))) {
        return null;
      }
      int question = s.indexOf('?', end);
      int pathEnd = question >= 0 && question < bodyEnd ? question : bodyEnd;
      return new Plain(scheme, start, hostEnd, port, end, pathEnd, bodyEnd);
    }
  }

  /**
   * A host that {@link URI} parses as itself and {@link #normalize} keeps as it is: labels of
   * lower-case letters, digits and inner hyphens, the last starting with a letter (not an IPv4
   * address then), no trailing dot; or a dotted quad of 0-255 without leading zeros.
   */
  private static boolean isPlainHost(String s, int start, int end) {
    if (start >= end) {
      return false;
    }
    if (isDottedQuad(s, start, end)) {
      return true;
    }
    int labelStart = start;
    for (int i = start; i <= end; i++) {
      char c = i < end ? s.charAt(i) : '.';
      if (c == '.') {
        if (i == labelStart || s.charAt(i - 1) == '-') {
          return false; // empty label, trailing dot, or a label ending in '-'
        }
        labelStart = i + 1;
      } else if (c == '-') {
        if (i == labelStart) {
          return false;
        }
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    int lastLabel = s.lastIndexOf('.', end - 1);
    char top = s.charAt(lastLabel < start ? start : lastLabel + 1);
    return top >= 'a' && top <= 'z';
  }

  private static boolean isDottedQuad(String s, int start, int end) {
    int parts = 0;
    int i = start;
    while (parts < 4) {
      int partStart = i;
      int value = 0;
      while (i < end && i - partStart < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - partStart;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(partStart) == '0')) {
        return false;
      }
      parts++;
      if (parts < 4) {
        if (i >= end || s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return i == end;
  }

  /**
   * Only characters that a URI's path, query and fragment take as they are (RFC 2396 as {@link URI}
   * implements it): ASCII letters and digits, {@code -_.!~*'()}, {@code ;/?:@&=+$,} and valid %XX
   * escapes.
   */
  private static boolean isPlainUriPart(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        continue;
      }
      if (c == '%') {
        if (i + 2 >= end || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
        continue;
      }
      if ("-_.!~*'();/?:@&=+$,".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Whether a normalised URL may be crawled. */
  public Verdict check(String normalized) {
    if (normalized == null) {
      return Verdict.INVALID;
    }
    if (normalized.length() > maxUrlLength) {
      return Verdict.TOO_LONG;
    }
    String host = hostOf(normalized);
    if (host == null || !inScope(host, portOf(normalized))) {
      return Verdict.OUT_OF_SCOPE;
    }
    if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(normalized).find())) {
      return Verdict.OUT_OF_SCOPE;
    }
    if (exclude.stream().anyMatch(p -> p.matcher(normalized).find())) {
      return Verdict.OUT_OF_SCOPE;
    }
    if (repeatsPath(normalized)) {
      return Verdict.REPEATED_PATH;
    }
    return Verdict.OK;
  }

  /**
   * Whether {@code host} is a scope host or a subdomain of one, and {@code port} the entry's port
   * when it names one.
   */
  public boolean inScope(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    for (ScopeHost entry : scope) {
      if (entry.admits(h, port)) {
        return true;
      }
    }
    return false;
  }

  /** The port an absolute http(s) URL connects to (its scheme's default when it names none). */
  static int portOf(String url) {
    Plain plain = Plain.parse(url);
    int port;
    String scheme;
    if (plain != null) {
      port = plain.port();
      scheme = plain.scheme();
    } else {
      try {
        URI uri = new URI(url);
        port = uri.getPort();
        scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      } catch (URISyntaxException e) {
        return -1;
      }
    }
    return port >= 0 ? port : scheme.equals("https") ? 443 : 80;
  }

  /** The lower-case host of an absolute URL, or {@code null}. */
  public static String hostOf(String url) {
    Plain plain = Plain.parse(url);
    if (plain != null) {
      return url.substring(plain.hostStart(), plain.hostEnd()); // lower case already
    }
    try {
      String host = new URI(url).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code scheme://host[:port]} of an absolute URL: the politeness and robots key. */
  public static String originOf(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (URISyntaxException e) {
      return url;
    }
  }

  private boolean repeatsPath(String url) {
    String path;
    Plain plain = Plain.parse(url);
    if (plain != null) {
      path = url.substring(plain.pathStart(), plain.pathEnd());
    } else {
      try {
        path = new URI(url).getRawPath();
      } catch (URISyntaxException e) {
        return false;
      }
    }
    if (path == null) {
      return false;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && counts.merge(segment, 1, Integer::sum) > maxPathRepeats) {
        return true;
      }
    }
    return false;
  }

  private String stripPathParams(String path) {
    // ";jsessionid=..." style session parameters inside the path
    int semi = path.indexOf(';');
    if (semi < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0 || path.startsWith("/")) {
        out.append('/');
      }
      int i = segment.indexOf(';');
      if (i < 0) {
        out.append(segment);
        continue;
      }
      out.append(segment, 0, i);
      for (String param : segment.substring(i + 1).split(";")) {
        String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
        if (!param.isEmpty() && !stripped(name)) {
          out.append(';').append(param);
        }
      }
    }
    String result = out.toString();
    return result.startsWith("//") ? result.substring(1) : result;
  }

  private String stripQuery(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!stripped(name)) {
        kept.add(param);
      }
    }
    kept.sort(null); // parameter order does not change the page on any sane site
    return String.join("&", kept);
  }

  private boolean stripped(String name) {
    if (stripExact.contains(name)) {
      return true;
    }
    for (String prefix : stripPrefix) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String removeDotSegments(String path) {
    if (!path.contains("/.") && !path.contains("./")) {
      return path;
    }
    List<String> out = new ArrayList<>();
    String[] parts = path.split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.equals(".")) {
        if (i == parts.length - 1) {
          out.add("");
        }
      } else if (part.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        if (i == parts.length - 1) {
          out.add("");
        }
      } else {
        out.add(part);
      }
    }
    return "/" + String.join("/", out);
  }

  /** Parses leniently: characters URIs do not allow (spaces, non-ASCII, |, ...) are escaped. */
  private static URI parse(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      try {
        return new URI(escape(s));
      } catch (URISyntaxException e2) {
        return null;
      }
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    int hash = s.indexOf('#');
    String body = hash >= 0 ? s.substring(0, hash) : s;
    for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
