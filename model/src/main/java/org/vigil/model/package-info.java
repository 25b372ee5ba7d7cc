/**
 * Immutable records passed between Vigil's pipeline stages (crawler, classifier, indexer, cli).
 *
 * <p>This module has no third-party dependencies: every stage depends on it and on nothing else, so
 * no crawler, NLP or Elasticsearch type can leak across a stage boundary. Every record validates
 * its arguments in its constructor and copies collections, so an instance is always well-formed and
 * safe to share between threads.
 */
package org.vigil.model;
