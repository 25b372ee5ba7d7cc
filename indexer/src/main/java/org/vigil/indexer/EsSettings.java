package org.vigil.indexer;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach Elasticsearch: node URLs and optional credentials (an API key, or a user and
 * password) and a custom CA certificate (PEM) for TLS. {@link #toString()} never shows a secret.
 *
 * @param urls node URLs, e.g. {@code https://es1:9200}; at least one, http or https
 * @param apiKey the encoded API key ({@code Authorization: ApiKey ...}), or {@code null}
 * @param user the basic-auth user, or {@code null}
 * @param password the basic-auth password, or {@code null}
 * @param caCert a PEM file with the CA certificate(s) to trust, or {@code null} for the JVM's
 */
public record EsSettings(
    List<String> urls, String apiKey, String user, String password, Path caCert) {
  /** The URL used when none is configured: the local (embedded or dev) cluster. */
  public static final String DEFAULT_URL = "http://127.0.0.1:9200";

  public EsSettings {
    Objects.requireNonNull(urls, "urls");
    List<String> clean = new ArrayList<>();
    for (String url : urls) {
      clean.add(checkUrl(url));
    }
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("at least one Elasticsearch URL is required");
    }
    urls = List.copyOf(clean);
    apiKey = blankToNull(apiKey);
    user = blankToNull(user);
    password = blankToNull(password);
    if (apiKey != null && user != null) {
      throw new IllegalArgumentException("give either an API key or a user/password, not both");
    }
    if (user == null && password != null) {
      throw new IllegalArgumentException("a password was given without a user");
    }
  }

  /** Settings for one URL without credentials. */
  public static EsSettings of(String url) {
    return new EsSettings(List.of(url), null, null, null, null);
  }

  /**
   * Settings from the environment: {@code VIGIL_ES_URL} (comma-separated, default {@value
   * #DEFAULT_URL}), {@code VIGIL_ES_API_KEY}, {@code VIGIL_ES_USER}, {@code VIGIL_ES_PASSWORD},
   * {@code VIGIL_ES_CA_CERT}.
   */
  public static EsSettings fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String urls = blankToNull(env.get("VIGIL_ES_URL"));
    List<String> list = new ArrayList<>();
    for (String url : (urls == null ? DEFAULT_URL : urls).split(",")) {
      if (!url.isBlank()) {
        list.add(url.trim());
      }
    }
    String ca = blankToNull(env.get("VIGIL_ES_CA_CERT"));
    return new EsSettings(
        list,
        env.get("VIGIL_ES_API_KEY"),
        env.get("VIGIL_ES_USER"),
        env.get("VIGIL_ES_PASSWORD"),
        ca == null ? null : Path.of(ca));
  }

  /** These settings with a single other URL (e.g. from a {@code --es-url} flag). */
  public EsSettings withUrl(String url) {
    return new EsSettings(List.of(url), apiKey, user, password, caCert);
  }

  /** These settings with an API key instead of any user/password. */
  public EsSettings withApiKey(String key) {
    return new EsSettings(urls, key, null, null, caCert);
  }

  /** These settings with basic-auth credentials instead of any API key. */
  public EsSettings withUser(String newUser, String newPassword) {
    return new EsSettings(urls, null, newUser, newPassword, caCert);
  }

  /** These settings trusting the CA certificate(s) in {@code pem}. */
  public EsSettings withCaCert(Path pem) {
    return new EsSettings(urls, apiKey, user, password, pem);
  }

  /** The URLs joined by commas, for messages. */
  public String urlList() {
    return String.join(",", urls);
  }

  @Override
  public String toString() {
    return "EsSettings[urls="
        + urls
        + ", apiKey="
        + mask(apiKey)
        + ", user="
        + (user == null ? "none" : user)
        + ", password="
        + mask(password)
        + ", caCert="
        + (caCert == null ? "none" : caCert)
        + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "none" : "****";
  }

  private static String checkUrl(String url) {
    Objects.requireNonNull(url, "url");
    String trimmed = url.trim().replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Elasticsearch URL '" + trimmed + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "invalid Elasticsearch URL '" + trimmed + "' (expected http(s)://host:port)");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "put Elasticsearch credentials in VIGIL_ES_USER/VIGIL_ES_PASSWORD, not in the URL");
    }
    return trimmed;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
