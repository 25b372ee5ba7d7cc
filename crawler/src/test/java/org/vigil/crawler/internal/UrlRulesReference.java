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
final class UrlRulesReference {
  /** Why a URL is not crawled, or {@code null} when it may be. */
  public enum Verdict {
    OK,
    INVALID,
    OUT_OF_SCOPE,
    TOO_LONG,
    REPEATED_PATH
  }

  private final List<String> scopeHosts;
  private final List<Pattern> include;
  private final List<Pattern> exclude;
  private final List<String> stripExact;
  private final List<String> stripPrefix;
  private final int maxUrlLength;
  private final int maxPathRepeats;

  UrlRulesReference(Scope scope, List<String> seeds, CrawlLimits limits) {
    List<String> hosts = scope.hosts().isEmpty() ? ConfigParser.seedHosts(seeds) : scope.hosts();
    this.scopeHosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
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

  /** The scope hosts, lower case: the hosts exempt from the SSRF guard. */
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

  /** Whether a normalised URL may be crawled. */
  public Verdict check(String normalized) {
    if (normalized == null) {
      return Verdict.INVALID;
    }
    if (normalized.length() > maxUrlLength) {
      return Verdict.TOO_LONG;
    }
    String host = hostOf(normalized);
    if (host == null || !inScopeHost(host)) {
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

  /** Whether {@code host} is a scope host or a subdomain of one. */
  public boolean inScopeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String scope : scopeHosts) {
      if (h.equals(scope) || h.endsWith("." + scope)) {
        return true;
      }
    }
    return false;
  }

  /** The lower-case host of an absolute URL, or {@code null}. */
  public static String hostOf(String url) {
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
    try {
      path = new URI(url).getRawPath();
    } catch (URISyntaxException e) {
      return false;
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
