package org.vigil.indexer;

/**
 * The server at the configured URL answered, but it is not an Elasticsearch version Vigil supports
 * (8.11 or later, or 9.x), or not Elasticsearch at all: a configuration error, not an outage, so
 * nothing is spooled for it. The message is one line naming the version and URL, e.g. {@code
 * Elasticsearch 7.17.0 at http://127.0.0.1:9200 is not supported: use 8.11+ or 9.x}.
 */
public final class UnsupportedServerException extends IndexerException {
  private static final long serialVersionUID = 1L;

  public UnsupportedServerException(String message) {
    super(message);
  }
}
