package org.vigil.indexer;

/**
 * What one {@link SpreadTracker#update()} did.
 *
 * @param assigned items that got a cluster
 * @param founded of those, items that founded a new cluster
 * @param copies verbatim copies that got the cluster of the page they copy
 * @param clustersUpdated clusters whose counts were recomputed
 */
public record SpreadUpdate(long assigned, long founded, long copies, long clustersUpdated) {}
