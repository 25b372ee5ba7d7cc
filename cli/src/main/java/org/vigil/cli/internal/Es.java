package org.vigil.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Vigil;
import org.vigil.indexer.EmbeddedElasticsearch;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.UnsupportedServerException;
import org.vigil.indexer.VigilIndex;

/**
 * How commands reach Elasticsearch: {@code --es URL}, else {@code VIGIL_ES_URL}, else the embedded
 * cluster (started when needed). Credentials always come from the environment and are never
 * printed.
 */
public final class Es {
  private Es() {}

  /** The embedded cluster of this root's {@code VIGIL_HOME}. */
  public static EmbeddedElasticsearch embedded(Vigil root) {
    String own = root.env().get("VIGIL_HOME");
    boolean sameHome = Objects.equals(own, System.getenv("VIGIL_HOME"));
    return EmbeddedElasticsearch.at(
        sameHome || own == null ? EmbeddedElasticsearch.defaultHome() : Path.of(own, "es"));
  }

  /** Starts the embedded cluster unless it runs, telling the user on stderr; returns its URL. */
  public static String startEmbedded(Vigil root, PrintWriter err) {
    EmbeddedElasticsearch es = embedded(root);
    return es.runningUrl()
        .orElseGet(
            () -> {
              err.println("starting embedded Elasticsearch… (first start takes ~30 s)");
              err.flush();
              try {
                return es.start(EmbeddedElasticsearch.DEFAULT_START_TIMEOUT);
              } catch (IndexerException e) {
                throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
              }
            });
  }

  /**
   * Connection settings: explicit URL or the embedded cluster, credentials from the environment.
   */
  public static EsSettings settings(Vigil root, PrintWriter err) {
    String url = root.esUrl();
    if (url == null) {
      url = startEmbedded(root, err);
    }
    Map<String, String> env = new HashMap<>(root.env());
    env.put("VIGIL_ES_URL", url);
    try {
      return EsSettings.fromEnv(env);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("Elasticsearch settings: " + e.getMessage());
    }
  }

  /** The index prefix: {@code VIGIL_ES_PREFIX}, default {@code vigil}. */
  public static String prefix(Vigil root) {
    String prefix = root.env().get("VIGIL_ES_PREFIX");
    return prefix == null || prefix.isBlank() ? VigilIndex.DEFAULT_PREFIX : prefix;
  }

  /**
   * Connects and makes sure templates, alias and run index exist (idempotent). A server that
   * answers but is not a supported Elasticsearch is a configuration error (exit 2); one that does
   * not answer is a failure (exit 1), which a crawl turns into spooling.
   */
  public static VigilIndex connect(Vigil root, PrintWriter err) {
    EsSettings settings = settings(root, err);
    try {
      VigilIndex index = VigilIndex.connect(settings, prefix(root));
      try {
        index.setup();
      } catch (IndexerException e) {
        index.close();
        throw e;
      }
      return index;
    } catch (UnsupportedServerException e) {
      throw CliException.usage(e.getMessage());
    } catch (IndexerException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The spool directory: {@code $VIGIL_HOME/spool}. */
  public static Path spoolDir(Vigil root) {
    return root.home().resolve("spool");
  }
}
