package org.vigil.classifier.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.ml.model.UniformPrior;

/**
 * Gives exactly the probabilities of {@code maxent.eval(Features.extract(...))} for a GIS model,
 * several times faster: the n-gram and stem features, by far the most numerous, are looked up as
 * word ids and packed word-id pairs instead of being built as strings ({@code "b=" + prev + "_" +
 * word}) and hashed twice (once into the feature set, once into the model's predicate map). The
 * other generators still run as written and are looked up by name. Features are summed in the same
 * order with the same arithmetic as OpenNLP's {@link GISModel}, so results are bit-identical; the
 * constructor checks that on probe contexts and {@link #of} declines models it cannot reproduce.
 *
 * <p>Thread-safe: the tables are only read; the per-call scratch space is per thread.
 */
final class CompiledScorer {
  private static final String SENTENCE_START = "<s>";

  private final double[] logPrior;
  private final int outcomes;
  private final double[] weights; // dense: weights[predicate * outcomes + outcome]
  private final Map<String, Integer> predicates = new HashMap<>();
  private final Map<String, Integer> words = new HashMap<>();
  private final Map<String, Integer> stems = new HashMap<>();
  private final LongIntMap bigrams;
  private final int[] unigrams;
  private final int sentenceStart;
  private final ThreadLocal<Scratch> scratch;

  private CompiledScorer(GISModel model) {
    Object[] data = model.getDataStructures();
    Context[] contexts = (Context[]) data[0];
    @SuppressWarnings("unchecked")
    Map<String, Context> pmap = (Map<String, Context>) data[1];
    String[] outcomes = (String[]) data[2];
    logPrior = uniformLogPrior(outcomes);
    this.outcomes = outcomes.length;
    weights = dense(contexts, outcomes.length);
    Map<Context, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < contexts.length; i++) {
      index.put(contexts[i], i);
    }
    sentenceStart = wordId(SENTENCE_START);
    Map<Integer, Integer> unigramOf = new HashMap<>();
    bigrams = new LongIntMap(pmap.size() / 2);
    for (Map.Entry<String, Context> e : pmap.entrySet()) {
      String label = e.getKey();
      int predicate = index.get(e.getValue());
      predicates.put(label, predicate);
      if (label.startsWith("w=")) {
        unigramOf.put(wordId(label.substring(2)), predicate);
      } else if (label.startsWith("b=")) {
        addBigram(label.substring(2), predicate);
      } else if (label.startsWith("s=")) {
        stems.put(label.substring(2), predicate);
      }
    }
    unigrams = new int[words.size()];
    Arrays.fill(unigrams, -1);
    unigramOf.forEach((word, predicate) -> unigrams[word] = predicate);
    int predicateCount = contexts.length;
    scratch = ThreadLocal.withInitial(() -> new Scratch(predicateCount));
  }

  /**
   * A compiled scorer for {@code model}, or empty when it is not a GIS model whose results this
   * class reproduces exactly (the caller then evaluates feature strings as usual).
   */
  static Optional<CompiledScorer> of(MaxentModel model) {
    if (!(model instanceof GISModel gis)) {
      return Optional.empty();
    }
    CompiledScorer scorer = new CompiledScorer(gis);
    return scorer.reproduces(gis) ? Optional.of(scorer) : Optional.empty();
  }

  /** The model's probabilities for a passage, as {@link Features#extract} and eval would give. */
  double[] eval(Analysis passage, List<IndicatorCatalogue.Hit> hits) {
    Scratch s = scratch.get();
    s.reset();
    Map<String, Object> extra = null;
    for (FeatureGenerator g : Features.GENERATORS) {
      if (g instanceof Features.NgramFeatureGenerator) {
        ngrams(passage, s);
      } else if (g instanceof Features.StemFeatureGenerator) {
        stems(passage, s);
      } else {
        if (extra == null) {
          extra = Features.extra(passage, hits);
        }
        for (String feature : g.extractFeatures(null, extra)) {
          Integer predicate = predicates.get(feature);
          if (predicate != null) {
            s.add(predicate); // as the string path: no de-duplication for these generators
          }
        }
      }
    }
    return probabilities(s.context, s.size);
  }

  /**
   * {@code GISModel.eval} on dense weights: per outcome, the same additions in the same order (an
   * outcome a predicate has no weight for adds 0.0, which changes no sum), then the same {@link
   * StrictMath#exp} and normalisation.
   */
  private double[] probabilities(int[] context, int size) {
    double[] sums = logPrior.clone();
    for (int c = 0; c < size; c++) {
      int base = context[c] * outcomes;
      for (int o = 0; o < outcomes; o++) {
        sums[o] += weights[base + o];
      }
    }
    double normal = 0.0;
    for (int o = 0; o < outcomes; o++) {
      sums[o] = StrictMath.exp(sums[o]);
      normal += sums[o];
    }
    for (int o = 0; o < outcomes; o++) {
      sums[o] /= normal;
    }
    return sums;
  }

  private static double[] dense(Context[] contexts, int outcomes) {
    double[] dense = new double[contexts.length * outcomes];
    for (int p = 0; p < contexts.length; p++) {
      int[] outcomeIds = contexts[p].getOutcomes();
      double[] parameters = contexts[p].getParameters();
      for (int i = 0; i < outcomeIds.length; i++) {
        dense[p * outcomes + outcomeIds[i]] = parameters[i];
      }
    }
    return dense;
  }

  /**
   * {@code w=} and {@code b=} features in the order and with the set semantics of the generator.
   */
  private void ngrams(Analysis passage, Scratch s) {
    for (Sentence sentence : passage.sentences()) {
      int prev = sentenceStart;
      for (Lexeme lexeme : sentence.lexemes()) {
        Memo m = memo(lexeme);
        if (!m.ngramToken()) {
          continue;
        }
        if (m.word() >= 0) {
          s.addOnce(m.unigram());
          if (prev >= 0) {
            s.addOnce(bigrams.get(pair(prev, m.word())));
          }
        }
        prev = m.word();
      }
    }
  }

  private void stems(Analysis passage, Scratch s) {
    for (Sentence sentence : passage.sentences()) {
      for (Lexeme lexeme : sentence.lexemes()) {
        s.addOnce(memo(lexeme).stem());
      }
    }
  }

  /** This model's look-ups for a lexeme, memoised on it. */
  private Memo memo(Lexeme lexeme) {
    if (lexeme.scorerMemo instanceof Memo m && m.owner() == this) {
      return m;
    }
    Integer word = words.get(lexeme.norm);
    int id = word == null ? -1 : word;
    Integer stem = Features.isStemFeature(lexeme.stem) ? stems.get(lexeme.stem) : null;
    Memo m =
        new Memo(
            this,
            Features.isNgramToken(lexeme.norm),
            id,
            id >= 0 ? unigrams[id] : -1,
            stem == null ? -1 : stem);
    lexeme.scorerMemo = m;
    return m;
  }

  /**
   * What this model knows of a lexeme: whether it takes part in n-grams, its word id, its {@code
   * w=} and {@code s=} predicates (-1: none).
   */
  private record Memo(CompiledScorer owner, boolean ngramToken, int word, int unigram, int stem) {}

  private int wordId(String word) {
    return words.computeIfAbsent(word, w -> words.size());
  }

  /**
   * Indexes {@code b=left_right} under every split at an underscore: the feature string of a pair
   * (prev, word) equals the label exactly when one of those splits is (prev, word).
   */
  private void addBigram(String pair, int predicate) {
    for (int i = pair.indexOf('_'); i >= 0; i = pair.indexOf('_', i + 1)) {
      bigrams.put(pair(wordId(pair.substring(0, i)), wordId(pair.substring(i + 1))), predicate);
    }
  }

  private static long pair(int prev, int word) {
    return ((long) prev << 32) | word;
  }

  private static double[] uniformLogPrior(String[] outcomes) {
    UniformPrior prior = new UniformPrior();
    prior.setLabels(outcomes, null);
    double[] out = new double[outcomes.length];
    prior.logPrior(out, (int[]) null);
    return out;
  }

  /**
   * Checks bit-identical results against the model on probe contexts (e.g. a non-uniform prior).
   */
  private boolean reproduces(GISModel model) {
    String[] sorted = predicates.keySet().stream().sorted().toArray(String[]::new);
    int step = Math.max(1, sorted.length / 200);
    for (int from = 0; from < Math.min(step, 8); from++) {
      List<String> probe = new ArrayList<>();
      for (int i = from; i < sorted.length; i += step) {
        probe.add(sorted[i]);
      }
      String[] labels = probe.toArray(new String[0]);
      int[] ids = Arrays.stream(labels).mapToInt(predicates::get).toArray();
      if (!Arrays.equals(model.eval(labels), probabilities(ids, ids.length))) {
        return false;
      }
    }
    return Arrays.equals(model.eval(new String[0]), probabilities(new int[0], 0));
  }

  /** Per-thread buffers: the context being built and a stamp per predicate for set semantics. */
  private static final class Scratch {
    private final int[] stamps;
    private int stamp;
    int[] context = new int[512];
    int size;

    Scratch(int predicates) {
      stamps = new int[predicates];
    }

    void reset() {
      size = 0;
      if (++stamp == Integer.MAX_VALUE) {
        Arrays.fill(stamps, 0);
        stamp = 1;
      }
    }

    /** Adds a predicate unless it is absent (negative) or already in this context. */
    void addOnce(int predicate) {
      if (predicate >= 0 && stamps[predicate] != stamp) {
        stamps[predicate] = stamp;
        add(predicate);
      }
    }

    void add(int predicate) {
      if (size == context.length) {
        context = Arrays.copyOf(context, size * 2);
      }
      context[size++] = predicate;
    }
  }
}
