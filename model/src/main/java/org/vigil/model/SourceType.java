package org.vigil.model;

import java.util.Locale;

/** How a source's seeds are read. */
public enum SourceType {
  /** Seeds are HTML pages; links are followed within scope. */
  WEB,
  /** Seeds are sitemaps (or sitemap indexes, optionally gzipped); their URLs are crawled. */
  SITEMAP,
  /** Seeds are RSS or Atom feeds; their entry links are crawled. */
  FEED;

  /** The name used in {@code sources.yml}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@code sources.yml} name, case-insensitively. */
  public static SourceType fromConfigName(String name) {
    for (SourceType type : values()) {
      if (type.configName().equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown source type '" + name + "' (web, sitemap, feed)");
  }
}
