package org.vigil.crawler.internal;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.vigil.crawler.ConfigError;
import org.vigil.crawler.CrawlLimits;
import org.vigil.model.Scope;
import org.vigil.model.Scoring;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

/**
 * Reads {@code sources.yml} with snakeyaml-engine's node API, so that every problem carries the
 * line it is on. Collects every error instead of stopping at the first.
 */
public final class ConfigParser {
  /** Defaults of the keys of {@link Source}, documented in docs/CONFIGURATION.md. */
  public static final int DEFAULT_MAX_DEPTH = 5;

  public static final int DEFAULT_MAX_PAGES = 10_000;
  public static final long DEFAULT_POLITENESS_MS = 1_000;

  private static final Set<String> TOP_KEYS =
      Set.of("allow_private_networks", "user_agent", "sources");
  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "id",
          "type",
          "seeds",
          "scope",
          "max_depth",
          "max_pages",
          "politeness_ms",
          "schedule",
          "timezone",
          "flag_threshold",
          "scoring",
          "max_bytes",
          "max_feed_bytes",
          "on_too_large",
          "connect_timeout_ms",
          "read_timeout_ms",
          "fetch_timeout_ms",
          "max_redirects",
          "max_retries",
          "retry_backoff_ms",
          "max_retry_after_ms",
          "threads",
          "max_pages_per_host",
          "strip_query_params",
          "max_url_length",
          "max_path_repeats",
          "respect_robots");
  private static final Set<String> SCOPE_KEYS = Set.of("hosts", "include", "exclude");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,?LW#A-Za-z-]+");

  /** What was read: the settings and every error, in file order. */
  public record Result(
      boolean allowPrivateNetworks,
      String userAgent,
      List<Source> sources,
      Map<String, CrawlLimits> limits,
      List<ConfigError> errors) {}

  private final Path file;
  private final YamlFields in;
  private Function<String, String> scheduleCheck;

  private ConfigParser(Path file) {
    this.file = file;
    this.in = new YamlFields(file);
  }

  /** Parses {@code file}; never throws for bad content, which ends up in {@link Result#errors}. */
  public static Result parse(Path file) {
    return parse(file, null);
  }

  /**
   * Parses {@code file}, asking {@code scheduleCheck} (may be {@code null}) about each {@code
   * schedule} that has the shape of a cron expression, so its problems come with all the others.
   */
  public static Result parse(Path file, Function<String, String> scheduleCheck) {
    ConfigParser parser = new ConfigParser(file);
    parser.scheduleCheck = scheduleCheck;
    return parser.parse();
  }

  private Result parse() {
    Optional<Node> root;
    try (Reader reader =
        new java.io.InputStreamReader(
            Files.newInputStream(file),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT))) {
      LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
      root = new Compose(settings).composeReader(reader);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      return failed(line, "(syntax)", oneLine(e.getProblem() + contextOf(e)));
    } catch (YamlEngineException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String what =
          cause instanceof CharacterCodingException ? "not valid UTF-8" : cause.getMessage();
      return failed(0, "(syntax)", oneLine(what));
    } catch (IOException e) {
      return failed(0, "(file)", "cannot read: " + oneLine(String.valueOf(e.getMessage())));
    }
    if (root.isEmpty()) {
      return failed(1, "(document)", "empty file; expected a mapping with 'sources'");
    }
    if (!(root.get() instanceof MappingNode top)) {
      return failed(YamlFields.line(root.get()), "(document)", "expected a mapping with 'sources'");
    }
    Map<String, NodeTuple> keys = in.keys(top, TOP_KEYS, "");
    boolean allowPrivate =
        in.bool(keys.get("allow_private_networks"), "allow_private_networks", false);
    String userAgent = in.string(keys.get("user_agent"), "user_agent", null);
    if (userAgent != null && (userAgent.isBlank() || userAgent.contains("\n"))) {
      in.error(keys.get("user_agent").getValueNode(), "user_agent", "must be one non-blank line");
    }
    List<Source> sources = new ArrayList<>();
    Map<String, CrawlLimits> limits = new LinkedHashMap<>();
    NodeTuple sourcesTuple = keys.get("sources");
    if (sourcesTuple == null) {
      in.error(top, "sources", "missing; expected a list of sources");
    } else if (!(sourcesTuple.getValueNode() instanceof SequenceNode list)) {
      in.error(sourcesTuple.getValueNode(), "sources", "expected a list of sources");
    } else {
      if (list.getValue().isEmpty()) {
        in.error(list, "sources", "must list at least one source");
      }
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (int i = 0; i < list.getValue().size(); i++) {
        Node item = list.getValue().get(i);
        String field = "sources[" + i + "]";
        if (!(item instanceof MappingNode map)) {
          in.error(item, field, "expected a mapping with id, type and seeds");
          continue;
        }
        Source source = source(map, field, limits);
        String id = idOf(map);
        if (id != null) {
          Integer previous = seen.putIfAbsent(id, YamlFields.line(item));
          if (previous != null) {
            in.error(
                item, field + ".id", "duplicate id '" + id + "' (first on line " + previous + ")");
            continue;
          }
        }
        if (source != null) {
          sources.add(source);
        }
      }
    }
    return new Result(allowPrivate, userAgent, sources, limits, in.sortedErrors());
  }

  private static String idOf(MappingNode map) {
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key
          && key.getValue().equals("id")
          && tuple.getValueNode() instanceof ScalarNode value) {
        return value.getValue();
      }
    }
    return null;
  }

  private Source source(MappingNode map, String field, Map<String, CrawlLimits> limitsOut) {
    int before = in.errors.size();
    Map<String, NodeTuple> keys = in.keys(map, SOURCE_KEYS, field + ".");
    String id = in.string(keys.get("id"), field + ".id", null);
    if (id == null) {
      in.error(map, field + ".id", "missing");
    } else if (!ID.matcher(id).matches()) {
      in.error(keys.get("id").getValueNode(), field + ".id", "'" + id + "' must match [a-z0-9-]+");
    }
    SourceType type = null;
    String typeName = in.string(keys.get("type"), field + ".type", null);
    if (typeName == null) {
      in.error(map, field + ".type", "missing; one of web, sitemap, feed");
    } else {
      try {
        type = SourceType.fromConfigName(typeName.strip());
      } catch (IllegalArgumentException e) {
        in.error(keys.get("type").getValueNode(), field + ".type", e.getMessage());
      }
    }
    List<String> seeds = in.strings(keys.get("seeds"), field + ".seeds");
    if (keys.get("seeds") == null) {
      in.error(map, field + ".seeds", "missing; expected a list of http(s) URLs");
    } else if (seeds.isEmpty() && in.errors.size() == before) {
      in.error(keys.get("seeds").getValueNode(), field + ".seeds", "must list at least one URL");
    }
    for (int i = 0; i < seeds.size(); i++) {
      String problem = urlProblem(seeds.get(i));
      if (problem != null) {
        in.error(YamlFields.seqItem(keys.get("seeds"), i), field + ".seeds[" + i + "]", problem);
      }
    }
    Scope scope = scope(keys.get("scope"), field + ".scope", seeds);
    int maxDepth =
        in.integer(keys.get("max_depth"), field + ".max_depth", DEFAULT_MAX_DEPTH, 0, 1000);
    int maxPages =
        in.integer(
            keys.get("max_pages"), field + ".max_pages", DEFAULT_MAX_PAGES, 1, Integer.MAX_VALUE);
    long politeness =
        in.integer(
            keys.get("politeness_ms"),
            field + ".politeness_ms",
            (int) DEFAULT_POLITENESS_MS,
            0,
            3_600_000);
    String schedule = in.string(keys.get("schedule"), field + ".schedule", null);
    if (schedule != null) {
      String problem = cronProblem(schedule);
      if (problem == null && scheduleCheck != null) {
        problem = scheduleCheck.apply(schedule.strip());
      }
      if (problem != null) {
        in.error(keys.get("schedule").getValueNode(), field + ".schedule", problem);
      }
    }
    String timezone = in.string(keys.get("timezone"), field + ".timezone", null);
    if (timezone != null) {
      try {
        ZoneId.of(timezone.strip());
      } catch (DateTimeException e) {
        in.error(
            keys.get("timezone").getValueNode(),
            field + ".timezone",
            "'" + timezone + "' is not a time zone; expected an IANA name such as Europe/Berlin");
      }
    }
    Double flagThreshold = in.fraction(keys.get("flag_threshold"), field + ".flag_threshold");
    Scoring scoring = null;
    String scoringName = in.string(keys.get("scoring"), field + ".scoring", null);
    if (scoringName != null) {
      try {
        scoring = Scoring.fromConfigName(scoringName.strip());
      } catch (IllegalArgumentException e) {
        in.error(keys.get("scoring").getValueNode(), field + ".scoring", e.getMessage());
      }
    }
    CrawlLimits limits = limits(keys, field);
    if (in.errors.size() > before || id == null || type == null) {
      return null;
    }
    limitsOut.put(id, limits);
    return new Source(
        id,
        type,
        seeds,
        scope,
        maxDepth,
        maxPages,
        politeness,
        schedule,
        timezone,
        flagThreshold,
        scoring);
  }

  private CrawlLimits limits(Map<String, NodeTuple> keys, String field) {
    CrawlLimits d = CrawlLimits.defaults();
    long maxBytes =
        in.longValue(keys.get("max_bytes"), field + ".max_bytes", d.maxBytes(), 1024, 1L << 30);
    long maxFeedBytes =
        in.longValue(
            keys.get("max_feed_bytes"),
            field + ".max_feed_bytes",
            d.maxFeedBytes(),
            1024,
            1L << 30);
    String onTooLarge = in.string(keys.get("on_too_large"), field + ".on_too_large", "truncate");
    boolean truncate = true;
    if (onTooLarge != null) {
      switch (onTooLarge.strip().toLowerCase(Locale.ROOT)) {
        case "truncate" -> truncate = true;
        case "skip" -> truncate = false;
        default ->
            in.error(
                keys.get("on_too_large").getValueNode(),
                field + ".on_too_large",
                "'" + onTooLarge + "' is not one of truncate, skip");
      }
    }
    int max = Integer.MAX_VALUE;
    int connect =
        in.integer(
            keys.get("connect_timeout_ms"),
            field + ".connect_timeout_ms",
            d.connectTimeoutMs(),
            1,
            max);
    int read =
        in.integer(
            keys.get("read_timeout_ms"), field + ".read_timeout_ms", d.readTimeoutMs(), 1, max);
    int total =
        in.integer(
            keys.get("fetch_timeout_ms"), field + ".fetch_timeout_ms", d.fetchTimeoutMs(), 1, max);
    int redirects =
        in.integer(keys.get("max_redirects"), field + ".max_redirects", d.maxRedirects(), 0, 20);
    int retries =
        in.integer(keys.get("max_retries"), field + ".max_retries", d.maxRetries(), 0, 10);
    long backoff =
        in.longValue(
            keys.get("retry_backoff_ms"),
            field + ".retry_backoff_ms",
            d.retryBackoffMs(),
            0,
            3_600_000);
    long retryAfter =
        in.longValue(
            keys.get("max_retry_after_ms"),
            field + ".max_retry_after_ms",
            d.maxRetryAfterMs(),
            0,
            86_400_000);
    int threads = in.integer(keys.get("threads"), field + ".threads", d.threads(), 1, 256);
    int perHost =
        in.integer(
            keys.get("max_pages_per_host"),
            field + ".max_pages_per_host",
            d.maxPagesPerHost(),
            0,
            max);
    List<String> strip =
        keys.containsKey("strip_query_params")
            ? in.strings(keys.get("strip_query_params"), field + ".strip_query_params")
            : d.stripQueryParams();
    int urlLength =
        in.integer(
            keys.get("max_url_length"), field + ".max_url_length", d.maxUrlLength(), 16, 65536);
    int repeats =
        in.integer(
            keys.get("max_path_repeats"), field + ".max_path_repeats", d.maxPathRepeats(), 1, 100);
    boolean robots = in.bool(keys.get("respect_robots"), field + ".respect_robots", true);
    return new CrawlLimits(
        maxBytes,
        truncate,
        connect,
        read,
        total,
        redirects,
        retries,
        backoff,
        retryAfter,
        threads,
        perHost,
        strip,
        urlLength,
        repeats,
        robots,
        maxFeedBytes);
  }

  private Scope scope(NodeTuple tuple, String field, List<String> seeds) {
    List<String> hosts = List.of();
    List<String> include = List.of();
    List<String> exclude = List.of();
    if (tuple != null) {
      if (!(tuple.getValueNode() instanceof MappingNode map)) {
        in.error(tuple.getValueNode(), field, "expected a mapping with hosts, include, exclude");
      } else {
        Map<String, NodeTuple> keys = in.keys(map, SCOPE_KEYS, field + ".");
        hosts = in.strings(keys.get("hosts"), field + ".hosts");
        for (int i = 0; i < hosts.size(); i++) {
          if (!HOST.matcher(hosts.get(i)).matches()) {
            in.error(
                YamlFields.seqItem(keys.get("hosts"), i),
                field + ".hosts[" + i + "]",
                "'" + hosts.get(i) + "' is not a host name");
            continue;
          }
          try {
            ScopeHost.parse(hosts.get(i));
          } catch (IllegalArgumentException e) {
            in.error(
                YamlFields.seqItem(keys.get("hosts"), i),
                field + ".hosts[" + i + "]",
                e.getMessage());
          }
        }
        include = regexes(keys.get("include"), field + ".include");
        exclude = regexes(keys.get("exclude"), field + ".exclude");
      }
    }
    if (hosts.isEmpty()) {
      hosts = seedHosts(seeds);
    }
    return new Scope(
        hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(), include, exclude);
  }

  /** The hosts of the seeds: the scope when {@code scope.hosts} is not given. */
  public static List<String> seedHosts(List<String> seeds) {
    Set<String> hosts = new java.util.LinkedHashSet<>();
    for (String seed : seeds) {
      try {
        String host = new URI(seed.strip()).getHost();
        if (host != null) {
          hosts.add(host.toLowerCase(Locale.ROOT));
        }
      } catch (URISyntaxException e) {
        // reported as a seed error
      }
    }
    return List.copyOf(hosts);
  }

  private List<String> regexes(NodeTuple tuple, String field) {
    List<String> values = in.strings(tuple, field);
    for (int i = 0; i < values.size(); i++) {
      try {
        Pattern.compile(values.get(i));
      } catch (PatternSyntaxException e) {
        in.error(
            YamlFields.seqItem(tuple, i),
            field + "[" + i + "]",
            "invalid regular expression: " + oneLine(e.getDescription()));
      }
    }
    return values;
  }

  private static String urlProblem(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return "'" + url + "' is not an http(s) URL";
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        return "'" + url + "' has no host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "'" + url + "' is not a valid URL: " + oneLine(e.getReason());
    }
  }

  private static String cronProblem(String cron) {
    if (cron.strip().matches("@[a-z]+")) {
      return null; // a macro such as @daily; which ones exist is the schedule check's business
    }
    String[] fields = cron.strip().split("\\s+");
    if (fields.length < 5 || fields.length > 6) {
      return "'" + cron + "' must have 5 fields (minute hour day-of-month month day-of-week)";
    }
    for (String f : fields) {
      if (!CRON_FIELD.matcher(f).matches()) {
        return "'" + cron + "': invalid field '" + f + "'";
      }
    }
    return null;
  }

  private Result failed(int line, String field, String message) {
    in.errors.add(new ConfigError(file, line, field, message));
    return new Result(false, null, List.of(), Map.of(), List.copyOf(in.errors));
  }

  private static String contextOf(MarkedYamlEngineException e) {
    return e.getContext() == null ? "" : " (" + e.getContext() + ")";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
