package org.vigil.cli.commands;

/**
 * Marks a command that never uses Elasticsearch: it does not offer {@code --es}, which every other
 * command inherits from {@code vigil} (so a new command that uses Elasticsearch gets it without
 * doing anything).
 */
public interface WithoutElasticsearch {}
