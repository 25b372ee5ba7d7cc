package org.vigil.crawler;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vigil.crawler.internal.ConfigParser;
import org.vigil.model.Source;

/**
 * A loaded {@code sources.yml}: global settings plus the sources to crawl. Every key and its
 * default is documented in {@code docs/CONFIGURATION.md}.
 */
public final class SourcesConfig {
  /** The user agent used when {@code user_agent} is not set. */
  public static final String DEFAULT_USER_AGENT = "VigilBot/0.1 (+https://github.com/vigil/vigil)";

  private final Path file;
  private final boolean allowPrivateNetworks;
  private final String userAgent;
  private final List<Source> sources;
  private final Map<String, CrawlLimits> limits;

  private SourcesConfig(
      Path file,
      boolean allowPrivateNetworks,
      String userAgent,
      List<Source> sources,
      Map<String, CrawlLimits> limits) {
    this.file = file;
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.userAgent =
        userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent.strip();
    this.sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    Set<String> ids = new HashSet<>();
    for (Source source : this.sources) {
      if (!ids.add(source.id())) {
        throw new IllegalArgumentException("duplicate source id '" + source.id() + "'");
      }
    }
    this.limits = Map.copyOf(limits);
  }

  /**
   * Loads and validates a {@code sources.yml}.
   *
   * @throws ConfigException with the first problem, as {@code file:line: field: problem}
   */
  public static SourcesConfig load(Path file) throws ConfigException {
    return load(file, null);
  }

  /**
   * Like {@link #load(Path)}, also asking {@code scheduleCheck} about each {@code schedule} value
   * (its problem in words, or {@code null} when valid): the crawler only checks a schedule's shape
   * (five fields or an {@code @macro}); whoever runs schedules knows what they mean.
   */
  public static SourcesConfig load(Path file, Function<String, String> scheduleCheck)
      throws ConfigException {
    Objects.requireNonNull(file, "file");
    ConfigParser.Result result = ConfigParser.parse(file, scheduleCheck);
    if (!result.errors().isEmpty()) {
      throw new ConfigException(result.errors());
    }
    return new SourcesConfig(
        file, result.allowPrivateNetworks(), result.userAgent(), result.sources(), result.limits());
  }

  /** Every problem of a {@code sources.yml}, in file order; empty when it is valid. */
  public static List<ConfigError> validate(Path file) {
    return validate(file, null);
  }

  /** Like {@link #validate(Path)}, with a schedule check as in {@link #load(Path, Function)}. */
  public static List<ConfigError> validate(Path file, Function<String, String> scheduleCheck) {
    Objects.requireNonNull(file, "file");
    return ConfigParser.parse(file, scheduleCheck).errors();
  }

  /**
   * A configuration built in code (demo, tests); every source gets {@link CrawlLimits#defaults}.
   */
  public static SourcesConfig of(
      boolean allowPrivateNetworks, String userAgent, List<Source> sources) {
    return of(allowPrivateNetworks, userAgent, sources, Map.of());
  }

  /** A configuration built in code with per-source limits (missing ids get the defaults). */
  public static SourcesConfig of(
      boolean allowPrivateNetworks,
      String userAgent,
      List<Source> sources,
      Map<String, CrawlLimits> limitsBySourceId) {
    return new SourcesConfig(
        null, allowPrivateNetworks, userAgent, sources, new LinkedHashMap<>(limitsBySourceId));
  }

  /** Whether the SSRF guard is off ({@code allow_private_networks: true}). */
  public boolean allowPrivateNetworks() {
    return allowPrivateNetworks;
  }

  /** The User-Agent header and robots.txt agent name. */
  public String userAgent() {
    return userAgent;
  }

  /** The sources, in file order. */
  public List<Source> sources() {
    return sources;
  }

  /** The source with this id. */
  public Optional<Source> source(String id) {
    return sources.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The limits of the source with this id ({@link CrawlLimits#defaults()} when unset). */
  public CrawlLimits limits(String sourceId) {
    return limits.getOrDefault(sourceId, CrawlLimits.defaults());
  }

  /** The file this was loaded from, or {@code null} when built with {@code of}. */
  public Path file() {
    return file;
  }
}
