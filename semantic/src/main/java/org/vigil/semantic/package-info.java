/**
 * The classifier cascade's opt-in second stage: {@link org.vigil.semantic.SemanticStages} loads it
 * for {@link org.vigil.classifier.ExtremismCategorizer#withSemanticStage}. The implementation
 * (embedding model, head, its training) lives in {@code org.vigil.semantic.internal}, which is not
 * a public API.
 */
package org.vigil.semantic;
