package org.vigil.classifier.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.classifier.SemanticStage;
import org.vigil.model.Categories;
import org.vigil.model.Classification;
import org.vigil.model.ExtractedContent;
import org.vigil.model.IndicatorHit;
import org.vigil.model.Passage;

/**
 * Classifies content with a {@link ModelData}: language check, passage windows, features, maxent
 * probabilities, flag decision and evidence. Thread-safe (the maxent model is only read).
 */
public final class Engine {
  /** Fewer words than this is {@link Categories#EMPTY}. */
  static final int MIN_WORDS = 3;

  /** A window holds at most this many sentences / tokens. */
  static final int MAX_SENTENCES = 6;

  static final int MIN_SENTENCES = 3;
  static final int MAX_TOKENS = 220;
  static final int EVIDENCE_CHARS = 300;

  private final ModelData model;
  private final double threshold;
  private final String version;
  private final TextAnalyzer analyzer;
  private final CompiledScorer compiled; // null: evaluate feature strings
  private final SemanticStage semantic; // null: the maxent decides alone

  public Engine(ModelData model) {
    this(model, model.threshold(), model.version());
  }

  /**
   * An engine that flags at {@code threshold} instead of the model's own, naming itself {@code
   * version} in its classifications; the page gate and the stance rule stay relative to it.
   */
  public Engine(ModelData model, double threshold, String version) {
    this(model, threshold, version, null);
  }

  /**
   * An engine whose windows that reach the {@code semantic} stage's screen are scored by it too
   * (null: the maxent alone), flagging at {@code threshold}.
   */
  public Engine(ModelData model, double threshold, String version, SemanticStage semantic) {
    this.model = model;
    this.threshold = threshold;
    this.version = version;
    this.semantic = semantic;
    this.analyzer = TextAnalyzer.get();
    this.compiled = CompiledScorer.of(model.maxent()).orElse(null);
  }

  public ModelData model() {
    return model;
  }

  /** One scored window: its probabilities and hits. */
  record Scored(
      int index,
      Analysis analysis,
      double[] probs,
      double score,
      List<IndicatorCatalogue.Hit> hits) {

    /**
     * Whether a non-negated extremist indicator fired in this window (what an analyst is shown).
     */
    boolean hasEvidence() {
      for (IndicatorCatalogue.Hit h : hits) {
        if (h.evidence()) {
          return true;
        }
      }
      return false;
    }

    /** Whether a counter-stance indicator (condemnation, solidarity) fired in this window. */
    boolean condemns() {
      for (IndicatorCatalogue.Hit h : hits) {
        if (!h.indicator().extremist()) {
          return true;
        }
      }
      return false;
    }

    /** This window with its score capped at {@link #UNEVIDENCED_CAP}. */
    Scored capped() {
      return withScore(Math.min(score, UNEVIDENCED_CAP));
    }

    Scored withScore(double newScore) {
      return new Scored(index, analysis, probs, newScore, hits);
    }
  }

  public Classification categorize(ExtractedContent content) {
    List<Passage> passages = content.passages();
    boolean explicit = !passages.isEmpty();
    String text;
    if (explicit) {
      StringBuilder sb = new StringBuilder();
      for (Passage p : passages) {
        sb.append(p.text()).append("\n\n");
      }
      text = sb.toString();
    } else {
      text = content.text();
    }
    if (text.isBlank()) {
      return special(Categories.EMPTY, "");
    }
    List<List<Sentence>> paragraphs = analyzer.paragraphs(text);
    Analysis document = Analysis.of(paragraphs);
    if (document.wordCount() < MIN_WORDS) {
      return special(Categories.EMPTY, "");
    }
    String language = analyzer.detectLanguage(text, document);
    if (!language.equals("en")) {
      return special(Categories.UNSUPPORTED_LANGUAGE, language);
    }
    List<Scored> scored = new ArrayList<>();
    if (explicit) {
      for (int i = 0; i < passages.size(); i++) {
        Analysis a = analyzer.analyze(passages.get(i).text());
        if (a.wordCount() >= MIN_WORDS || passages.size() == 1) {
          scored.add(score(i, a));
        }
      }
      if (scored.isEmpty()) {
        return special(Categories.EMPTY, language);
      }
    } else {
      // Each window is judged on its own text, as training samples are: a page's score must not
      // fall because the page also holds ordinary text (ADR 0002, decision 9).
      List<Analysis> windows = windows(paragraphs);
      for (int i = 0; i < windows.size(); i++) {
        scored.add(score(windows.size() == 1 ? -1 : i, windows.get(i)));
      }
    }
    if (semantic != null) {
      scored = withSemantic(scored);
    }
    return decide(explicit ? strongest(scored, threshold) : aggregate(scored, threshold), language);
  }

  /**
   * In a text split into several windows, a window without indicator evidence (no non-negated
   * catalogue hit) counts only when its score is at least the flag threshold plus this: the page
   * score is the maximum over its windows, and on long unremarkable text some window drifts past
   * the threshold on vocabulary alone. Relative to the threshold because models differ in how far
   * their scores spread (ADR 0002, decisions 5 and 9). Overridable for measurement with the system
   * property {@code vigil.unevidencedMargin}.
   */
  static final double UNEVIDENCED_MARGIN =
      Double.parseDouble(System.getProperty("vigil.unevidencedMargin", "0.05"));

  /**
   * A window that condemns extremism (a {@code counter} indicator fired: "we condemn all acts of
   * terrorism", "stand with our neighbours") and holds no extremist evidence counts only at the
   * threshold plus this, alone or on a page: statements against extremism share its vocabulary, and
   * the model's n-grams weigh the vocabulary more than the stance (ADR 0002). Overridable for
   * measurement with the system property {@code vigil.condemningMargin}.
   */
  static final double CONDEMNING_MARGIN =
      Double.parseDouble(System.getProperty("vigil.condemningMargin", "0.25"));

  /**
   * The score a window without evidence is capped at (below {@link Trainer#THRESHOLD_FLOOR}, so
   * below every threshold a model can have).
   */
  static final double UNEVIDENCED_CAP = 0.49;

  /**
   * The strongest of a page's own passages (forum posts), each judged like a short post: on its
   * score alone, unless it condemns extremism ({@link #judged}).
   */
  static Scored strongest(List<Scored> scored, double threshold) {
    Scored best = null;
    for (Scored s : scored) {
      Scored post = judged(s, threshold, true);
      if (best == null || post.score() > best.score()) {
        best = post;
      }
    }
    return best;
  }

  /**
   * Page aggregation over the windows of one text: the maximum of the windows as {@link #judged}
   * (evidence or a clear margin above the threshold needed on a page of several windows, a clearer
   * one for a window that condemns extremism; a single window on its score alone, like a short
   * post, unless it condemns).
   */
  static Scored aggregate(List<Scored> scored, double threshold) {
    if (scored.size() == 1) {
      return judged(scored.get(0), threshold, true);
    }
    Scored best = null;
    for (Scored s : scored) {
      Scored page = judged(s, threshold, false);
      if (best == null || page.score() > best.score()) {
        best = page;
      }
    }
    return best;
  }

  /**
   * A window as it counts for its text: itself when it holds evidence or is the text's only window;
   * otherwise itself only when its score reaches the threshold plus {@link #CONDEMNING_MARGIN} if
   * it condemns extremism (alone or not), plus {@link #UNEVIDENCED_MARGIN} if it is one of several
   * windows, and capped at {@link #UNEVIDENCED_CAP} below that.
   */
  static Scored judged(Scored s, double threshold, boolean alone) {
    boolean condemns = s.condemns();
    if (s.hasEvidence() || (alone && !condemns)) {
      return s; // a single window is judged on its score alone, like a short post
    }
    double margin = condemns ? CONDEMNING_MARGIN : UNEVIDENCED_MARGIN;
    return s.score() >= threshold + margin ? s : s.capped();
  }

  /**
   * Splits a text into the windows it is judged by: every paragraph on its own (the page's own
   * blocks), a paragraph longer than {@link #MAX_SENTENCES} sentences or {@link #MAX_TOKENS} tokens
   * in windows of at most that size, whose short tail joins the window before it. Windows never
   * cross a paragraph break, so an extremist paragraph is never diluted by ordinary ones.
   */
  static List<Analysis> windows(List<List<Sentence>> paragraphs) {
    List<Analysis> out = new ArrayList<>();
    for (List<Sentence> para : paragraphs) {
      if (para.isEmpty()) {
        continue;
      }
      List<List<Sentence>> parts = new ArrayList<>();
      List<Sentence> current = new ArrayList<>();
      int tokens = 0;
      for (Sentence s : para) {
        if (!current.isEmpty()
            && (current.size() >= MAX_SENTENCES || tokens + s.tokens().length > MAX_TOKENS)) {
          parts.add(current);
          current = new ArrayList<>();
          tokens = 0;
        }
        current.add(s);
        tokens += s.tokens().length;
      }
      if (current.size() < MIN_SENTENCES && !parts.isEmpty() && tokens < 40) {
        parts.get(parts.size() - 1).addAll(current);
      } else {
        parts.add(current);
      }
      parts.forEach(p -> out.add(new Analysis(p)));
    }
    return out;
  }

  /**
   * The cascade's second stage: the windows the maxent scores at least the stage's screen are
   * embedded in one batch, and each one's score becomes the mean of the two scores; the others keep
   * the maxent's (below every threshold a model can have, so they never flag).
   */
  private List<Scored> withSemantic(List<Scored> scored) {
    List<Integer> screened = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      if (scored.get(i).score() >= semantic.screen()) {
        screened.add(i);
        texts.add(text(scored.get(i).analysis()));
      }
    }
    if (texts.isEmpty()) {
      return scored;
    }
    double[] second = semantic.score(texts);
    if (second.length != texts.size()) {
      throw new IllegalStateException(
          "semantic stage "
              + semantic.version()
              + " scored "
              + second.length
              + " of "
              + texts.size());
    }
    List<Scored> out = new ArrayList<>(scored);
    for (int k = 0; k < screened.size(); k++) {
      Scored s = out.get(screened.get(k));
      out.set(screened.get(k), s.withScore((s.score() + second[k]) / 2));
    }
    return out;
  }

  /** A window's sentences as one line of text (what the semantic stage and the evidence read). */
  static String text(Analysis window) {
    StringBuilder text = new StringBuilder();
    for (Sentence s : window.sentences()) {
      text.append(text.length() == 0 ? "" : " ").append(s.text());
    }
    return text.toString();
  }

  /** Scores one window on its own text (it is its own document, as a training sample is). */
  Scored score(int index, Analysis passage) {
    List<IndicatorCatalogue.Hit> hits = model.catalogue().match(passage);
    double[] probs =
        compiled != null
            ? compiled.eval(passage, hits)
            : model.maxent().eval(Features.extract(passage, hits));
    return new Scored(index, passage, probs, extremistScore(probs), hits);
  }

  private double extremistScore(double[] probs) {
    double s = 0;
    for (int i = 0; i < probs.length; i++) {
      if (Categories.isExtremist(model.maxent().getOutcome(i))) {
        s += probs[i];
      }
    }
    return Math.min(1.0, Math.max(0.0, s));
  }

  private Classification decide(Scored best, String language) {
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (int i = 0; i < best.probs().length; i++) {
      probabilities.put(model.maxent().getOutcome(i), best.probs()[i]);
    }
    boolean flagged = best.score() >= threshold;
    String category = decideCategory(probabilities, flagged);
    return new Classification(
        category,
        best.score(),
        flagged,
        language,
        probabilities,
        flagged ? evidenceOrPassage(best) : evidence(best),
        version,
        best.index());
  }

  /**
   * The category consistent with the flag decision: the likeliest extremist category when flagged,
   * else the likeliest of the others (so "flagged" and "category" never contradict each other).
   */
  public static String decideCategory(Map<String, Double> probabilities, boolean flagged) {
    String best = null;
    double bestP = -1;
    for (Map.Entry<String, Double> e : probabilities.entrySet()) {
      if (Categories.isExtremist(e.getKey()) == flagged && e.getValue() > bestP) {
        best = e.getKey();
        bestP = e.getValue();
      }
    }
    if (best == null) { // a model without categories on one side of the decision
      for (Map.Entry<String, Double> e : probabilities.entrySet()) {
        if (e.getValue() > bestP) {
          best = e.getKey();
          bestP = e.getValue();
        }
      }
    }
    return best;
  }

  /**
   * The people a sentence names (a demonym or collective noun of {@link
   * Features.GroupFeatureGenerator#GROUPS}), so the evidence says who an indicator is aimed at;
   * null when it names none. The indicator says the attitude (contempt, dehumanisation, a call to
   * act); negated hits are never shown, and a reported one is shown with its sentence, so the
   * analyst sees whose words they are.
   */
  static String target(Sentence sentence) {
    for (String norm : sentence.norms()) {
      if (Features.GroupFeatureGenerator.GROUPS.contains(norm)) {
        return norm;
      }
    }
    return null;
  }

  /** The id of the evidence shown when a flagged passage fired no catalogue indicator. */
  public static final String PASSAGE_EVIDENCE = "model-passage";

  /**
   * The evidence of a flagged decision: the indicators that fired, or, when none did (the model's
   * words alone decided), the deciding passage itself, so an analyst always sees where to look.
   */
  private List<IndicatorHit> evidenceOrPassage(Scored best) {
    List<IndicatorHit> hits = evidence(best);
    if (!hits.isEmpty() || best.analysis() == null) {
      return hits;
    }
    return List.of(
        new IndicatorHit(
            PASSAGE_EVIDENCE,
            "Passage the model scored as extremist (no catalogue indicator)",
            clip(text(best.analysis())),
            0.0));
  }

  /** Evidence text as shown: at most {@link #EVIDENCE_CHARS} characters, an ellipsis when cut. */
  private static String clip(String text) {
    return text.length() > EVIDENCE_CHARS ? text.substring(0, EVIDENCE_CHARS - 1) + "\u2026" : text;
  }

  private List<IndicatorHit> evidence(Scored best) {
    List<IndicatorCatalogue.Hit> hits = new ArrayList<>(best.hits());
    hits.removeIf(h -> !h.evidence());
    hits.sort(
        Comparator.comparingDouble((IndicatorCatalogue.Hit h) -> -h.indicator().weight())
            .thenComparingInt(IndicatorCatalogue.Hit::sentence));
    Set<String> seen = new LinkedHashSet<>();
    List<IndicatorHit> out = new ArrayList<>();
    for (IndicatorCatalogue.Hit h : hits) {
      if (seen.add(h.indicator().id())) {
        Sentence evidence = best.analysis().sentences().get(h.sentence());
        String sentence = clip(evidence.text());
        String target = target(evidence);
        String name =
            target == null
                ? h.indicator().name()
                : h.indicator().name() + " (target: " + target + ")";
        out.add(new IndicatorHit(h.indicator().id(), name, sentence, h.indicator().weight()));
      }
    }
    return out;
  }

  private Classification special(String category, String language) {
    return new Classification(category, 0.0, false, language, Map.of(), List.of(), version, -1);
  }
}
