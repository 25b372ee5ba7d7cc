package org.vigil.indexer;

import java.time.Instant;

/**
 * One place a cluster's content appeared: a flagged item, or a verbatim copy of one.
 *
 * @param id the document id (of the item, or of the copy's URL)
 * @param url the URL (canonical for items)
 * @param host its host
 * @param appearedAt its publication time when the page gives one, else when Vigil first saw it
 * @param firstSeen when Vigil first saw it
 * @param lastSeen when a crawl last saw it
 * @param goneAt when a re-crawl found it answering 404/410, else {@code null}
 * @param copyOf for a verbatim copy, the URL of the page it copies; else {@code null}
 */
public record Appearance(
    String id,
    String url,
    String host,
    Instant appearedAt,
    Instant firstSeen,
    Instant lastSeen,
    Instant goneAt,
    String copyOf) {

  /** Whether this is a verbatim copy (its text was not classified again). */
  public boolean copy() {
    return copyOf != null;
  }
}
