package org.vigil.cli.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.vigil.cli.internal.Configs;
import org.vigil.crawler.ConfigException;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.Source;

/**
 * The sources of a {@code sources.yml} file, for the scheduler: reloaded when the file's
 * fingerprint changes, and the last valid config kept for the crawls ({@link #config()}).
 */
public final class ConfigFileSources implements SourcesProvider {
  private final Path file;
  private volatile SourcesConfig config;

  /**
   * Loads {@code file} once.
   *
   * @throws ConfigException naming file:line: field when it is invalid
   */
  public ConfigFileSources(Path file) throws ConfigException {
    this.file = Objects.requireNonNull(file, "file");
    this.config = Configs.load(file);
  }

  @Override
  public List<Source> load() throws ConfigException {
    SourcesConfig loaded = Configs.load(file);
    config = loaded;
    return loaded.sources();
  }

  @Override
  public String fingerprint() {
    return SourcesProvider.fileFingerprint(file);
  }

  /** The last valid config. */
  public SourcesConfig config() {
    return config;
  }
}
