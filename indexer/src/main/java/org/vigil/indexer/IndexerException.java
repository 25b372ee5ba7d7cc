package org.vigil.indexer;

/**
 * A failure of the indexer or of the Elasticsearch it talks to. The message is one line that names
 * what failed (URL, file, document id) and never contains a secret.
 */
public class IndexerException extends Exception {
  private static final long serialVersionUID = 1L;

  public IndexerException(String message) {
    super(message);
  }

  public IndexerException(String message, Throwable cause) {
    super(message, cause);
  }
}
