package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.FlaggedItemJson;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.Classification;
import org.vigil.model.FlaggedItem;

/** A reviewed false positive becomes a negative example and its score drops after retraining. */
@ExtendWith(ElasticsearchExtension.class)
class RetrainFromReviewsTest {
  private static final String FALSE_POSITIVE =
      "Join our boxing club now, the coach needs new fighters, join our ranks and message us to"
          + " sign up before it is too late.";

  @TempDir Path home;
  private final String prefix = "cliretrain-" + UUID.randomUUID().toString().substring(0, 8);
  private String esUrl;

  @org.junit.jupiter.api.AfterEach
  void dropIndices() throws Exception {
    if (esUrl != null) {
      TestIndices.drop(esUrl, prefix);
    }
  }

  @Test
  void falsePositiveBecomesANegativeAndTheNewModelIsRegisteredAndPromoted(TestElasticsearch es)
      throws Exception {
    Map<String, String> env = env(es);
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);

    Run base = Run.of(env, "train", "--data", corpus.toString(), "--register", "--name", "base");
    assertThat(base.code()).as(base.toString()).isZero();
    String baseId = base.out().split(" ")[1];
    assertThat(Run.of(env, "model", "promote", baseId).code()).isZero();
    double before = score(env, null);

    review(env, baseId);

    Path missing = home.resolve("no-corpus");
    Run noCorpus = Run.of(env, "train", "--from-reviews", "--corpus", missing.toString());
    assertThat(noCorpus.code()).as(noCorpus.toString()).isEqualTo(2);
    assertThat(noCorpus.err()).contains(missing + ": no such corpus file or directory");
    Files.createDirectories(missing);
    Run empty = Run.of(env, "train", "--from-reviews", "--corpus", missing.toString());
    assertThat(empty.err()).contains(missing + ": no *.tsv corpus files");

    // On this tiny corpus the one reviewed row costs held-out macro-F1: the default policy keeps
    // the active model (deterministic: training is).
    Run kept =
        Run.of(
            env, "train", "--from-reviews", "--corpus", corpus.toString(), "--name", "retrained");
    assertThat(kept.code()).as(kept.toString()).isZero();
    assertThat(kept.out()).contains("+ 1 reviewed items").contains("corpus+reviews");
    String newId = kept.out().split(" ")[1];
    assertThat(newId).startsWith("retrained");
    assertThat(kept.out()).contains("registered " + newId + " but kept " + baseId);
    assertThat(Run.of(env, "model", "list").out()).containsPattern("\\* " + baseId);

    // With a tolerance the same model is promoted.
    Run retrain =
        Run.of(
            env,
            "train",
            "--from-reviews",
            "--corpus",
            corpus.toString(),
            "--name",
            "retrained",
            "--tolerance",
            "0.5");
    assertThat(retrain.code()).as(retrain.toString()).isZero();
    assertThat(retrain.out()).contains("promoted " + newId);
    Run list = Run.of(env, "model", "list");
    assertThat(list.out())
        .containsPattern("\\* " + newId + " .* corpus \\(\\d+ rows\\)")
        .contains(baseId);
    double after = score(env, null);
    assertThat(after).isLessThan(before);
  }

  @Test
  void theDefaultModelIsRetrainedWithItsRecipeNotReplacedByACorpusModel(TestElasticsearch es)
      throws Exception {
    Map<String, String> env = env(es);
    String active = Run.of(env, "model", "list").out();

    // The default model is active and its datasets are nowhere to be found: refused, nothing
    // registered (a corpus alone would give a far weaker model on real text).
    Run refused = Run.of(env, "train", "--from-reviews");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err())
        .contains("was trained on the real datasets of the default recipe, not found at")
        .contains("--training DIR");
    Path missing = home.resolve("missing");
    env.put("VIGIL_TRAINING", missing.toString());
    Run wrongEnv = Run.of(env, "train", "--from-reviews");
    assertThat(wrongEnv.code()).isEqualTo(2);
    assertThat(wrongEnv.err()).contains("VIGIL_TRAINING=" + missing + ": no such directory");
    env.remove("VIGIL_TRAINING");
    assertThat(Run.of(env, "model", "list").out()).isEqualTo(active);

    Path training = TestData.recipeDatasets(home.resolve("datasets").resolve("training"));
    Path corpus = TestData.labelledTsv(home.resolve("corpus.tsv"), 12);
    String[] recipe = {
      "train", "--from-reviews", "--training", training.toString(), "--corpus", corpus.toString()
    };
    Run noReviews = Run.of(env, recipe);
    assertThat(noReviews.code()).as(noReviews.toString()).isZero();
    assertThat(noReviews.out()).contains("no reviewed items").contains("nothing trained");
    assertThat(Run.of(env, "model", "list").out()).isEqualTo(active);

    review(env, "vigil-default");
    String[] named = {"--name", "adapted", "--tolerance", "1"};
    Run retrained =
        Run.of(env, Stream.concat(Stream.of(recipe), Stream.of(named)).toArray(String[]::new));
    assertThat(retrained.code()).as(retrained.toString()).isZero();
    assertThat(retrained.out())
        .contains("on the default recipe (")
        .contains("+ 1 reviewed items")
        .contains("recipe alone")
        .contains("recipe+reviews");
    String id = retrained.out().split(" ")[1];
    assertThat(id).startsWith("adapted-");
    assertThat(retrained.out()).contains("promoted " + id);
    assertThat(Run.of(env, "model", "list").out())
        .containsPattern("\\* " + id + " .* recipe \\(\\d+ rows\\)")
        .doesNotContain("compare models on the same one");

    // The retrained model is the recipe's too: the next retraining also needs its datasets.
    Run again = Run.of(env, "train", "--from-reviews");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err())
        .contains("the active model " + id + " was trained on the real datasets");

    // A model of a corpus alone is measured on another hold-out: the list says which, and that
    // the two numbers do not compare.
    Run corpusOnly =
        Run.of(env, "train", "--from-reviews", "--corpus", corpus.toString(), "--name", "small");
    assertThat(corpusOnly.code()).as(corpusOnly.toString()).isZero();
    Run mixed = Run.of(env, "model", "list");
    assertThat(mixed.out())
        .containsPattern("small-\\S+ .* corpus \\(\\d+ rows\\)")
        .contains("compare models on the same one");
    assertThat(Run.of(env, "model", "list", "--json").out())
        .contains("\"held_out\":\"recipe\"")
        .contains("\"held_out\":\"corpus\"");
  }

  private Map<String, String> env(TestElasticsearch es) {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HOME", home.toString());
    env.put("VIGIL_ES_URL", es.url());
    env.put("VIGIL_ES_PREFIX", prefix);
    esUrl = es.url();
    return env;
  }

  /** Indexes {@link #FALSE_POSITIVE} as flagged by {@code modelId} and reviews it as such. */
  private void review(Map<String, String> env, String modelId) throws Exception {
    Path items = home.resolve("items.jsonl");
    String url = "https://club.example.org/boxing";
    Classification c =
        new Classification("recruitment", 0.9, true, "en", Map.of(), List.of(), modelId, -1);
    FlaggedItem item =
        new FlaggedItem(
            FlaggedItem.idFor(url),
            "clubs",
            url,
            url,
            "Boxing",
            FALSE_POSITIVE,
            null,
            null,
            Instant.now(),
            "h",
            1L,
            c);
    Files.writeString(items, FlaggedItemJson.toJson(item) + "\n");
    assertThat(Run.of(env, "index", "--input", items.toString()).code()).isZero();
    Run review =
        Run.of(env, "review", item.id(), "--verdict", "false_positive", "--reviewer", "ann");
    assertThat(review.code()).as(review.toString()).isZero();
  }

  private double score(Map<String, String> env, Path model) throws Exception {
    Path tsv = home.resolve("fp.tsv");
    Files.writeString(tsv, "text\n" + FALSE_POSITIVE + "\n");
    Run run =
        model == null
            ? Run.of(env, "classify", "--tsv", tsv.toString())
            : Run.of(env, "classify", "--tsv", tsv.toString(), "--model", model.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    return Json.mapper().readTree(run.lastLine()).get("score").asDouble();
  }
}
