package org.vigil.indexer;

/**
 * An item like a given one.
 *
 * @param id its document id
 * @param url its URL
 * @param clusterId its spread cluster, or {@code null} when not clustered yet
 * @param similarity the share of the smaller text's fingerprint the two have in common, in [0, 1]
 */
public record SimilarItem(String id, String url, String clusterId, double similarity) {}
