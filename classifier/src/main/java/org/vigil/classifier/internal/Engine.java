package org.vigil.classifier.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final TextAnalyzer analyzer;
  private final CompiledScorer compiled; // null: evaluate feature strings

  public Engine(ModelData model) {
    this.model = model;
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

    /** Whether a non-negated indicator fired in this window (what an analyst is shown). */
    boolean hasEvidence() {
      for (IndicatorCatalogue.Hit h : hits) {
        if (!h.negated()) {
          return true;
        }
      }
      return false;
    }

    /** This window with its score capped at {@link #UNEVIDENCED_CAP}. */
    Scored capped() {
      return new Scored(index, analysis, probs, Math.min(score, UNEVIDENCED_CAP), hits);
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
          scored.add(score(i, a, a, null, null));
        }
      }
      if (scored.isEmpty()) {
        return special(Categories.EMPTY, language);
      }
    } else {
      List<Analysis> windows = windows(paragraphs);
      if (windows.size() == 1) {
        Analysis only = windows.get(0);
        scored.add(score(-1, only, only, null, null));
      } else {
        // the windows partition the document: its register counters are the sum of theirs
        List<RegisterCounts> counts = new ArrayList<>(windows.size());
        for (Analysis w : windows) {
          counts.add(RegisterCounts.of(w));
        }
        Set<String> docRegister = Features.documentRegister(RegisterCounts.sum(counts));
        for (int i = 0; i < windows.size(); i++) {
          scored.add(score(i, windows.get(i), document, docRegister, counts.get(i)));
        }
      }
    }
    return decide(explicit ? strongest(scored) : aggregate(scored), language);
  }

  /**
   * In a text split into several windows, a window without indicator evidence (no non-negated
   * catalogue hit) counts only when its score is at least this: the page score is the maximum over
   * ~15 windows, and on long unremarkable text (word salad, long news pages) some window always
   * drifts past the threshold on vocabulary alone. See ADR 0002, decision 5.
   */
  static final double UNEVIDENCED_MIN = 0.90;

  /**
   * The score a window without evidence is capped at (below {@link Trainer#THRESHOLD_FLOOR}, so
   * below every threshold a model can have).
   */
  static final double UNEVIDENCED_CAP = 0.49;

  /** The window with the highest score (explicit passages, a single window). */
  static Scored strongest(List<Scored> scored) {
    Scored best = scored.get(0);
    for (Scored s : scored) {
      if (s.score() > best.score()) {
        best = s;
      }
    }
    return best;
  }

  /**
   * Page aggregation over the windows of one text: the maximum of the windows' page scores, where a
   * window's page score is its own score when it holds evidence (a non-negated indicator hit) or
   * scores at least {@link #UNEVIDENCED_MIN}, and at most {@link #UNEVIDENCED_CAP} otherwise. A
   * single window is judged on its score alone, like a short post.
   */
  static Scored aggregate(List<Scored> scored) {
    if (scored.size() == 1) {
      return scored.get(0);
    }
    Scored best = null;
    for (Scored s : scored) {
      Scored page = s.hasEvidence() || s.score() >= UNEVIDENCED_MIN ? s : s.capped();
      if (best == null || page.score() > best.score()) {
        best = page;
      }
    }
    return best;
  }

  /** Splits paragraphs into windows of 3-6 sentences, preferring paragraph boundaries. */
  static List<Analysis> windows(List<List<Sentence>> paragraphs) {
    List<Analysis> out = new ArrayList<>();
    List<Sentence> current = new ArrayList<>();
    int tokens = 0;
    for (List<Sentence> para : paragraphs) {
      if (current.size() >= MIN_SENTENCES && current.size() + para.size() > MAX_SENTENCES) {
        out.add(new Analysis(current));
        current = new ArrayList<>();
        tokens = 0;
      }
      for (Sentence s : para) {
        if (!current.isEmpty() && tokens + s.tokens().length > MAX_TOKENS) {
          out.add(new Analysis(current));
          current = new ArrayList<>();
          tokens = 0;
        }
        current.add(s);
        tokens += s.tokens().length;
        if (current.size() >= MAX_SENTENCES) {
          out.add(new Analysis(current));
          current = new ArrayList<>();
          tokens = 0;
        }
      }
    }
    if (!current.isEmpty()) {
      // a short tail joins the previous window rather than being judged out of context
      if (current.size() < MIN_SENTENCES && !out.isEmpty() && tokens < 40) {
        List<Sentence> merged = new ArrayList<>(out.remove(out.size() - 1).sentences());
        merged.addAll(current);
        out.add(new Analysis(merged));
      } else {
        out.add(new Analysis(current));
      }
    }
    return out;
  }

  Scored score(
      int index,
      Analysis passage,
      Analysis document,
      Set<String> docRegister,
      RegisterCounts passageRegister) {
    List<IndicatorCatalogue.Hit> hits = model.catalogue().match(passage);
    double[] probs =
        compiled != null
            ? compiled.eval(passage, document, docRegister, passageRegister, hits)
            : model.maxent().eval(Features.extract(passage, document, docRegister, hits));
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
    double threshold = model.threshold();
    boolean flagged = best.score() >= threshold;
    String category = decideCategory(probabilities, flagged);
    return new Classification(
        category,
        best.score(),
        flagged,
        language,
        probabilities,
        evidence(best),
        model.version(),
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

  private List<IndicatorHit> evidence(Scored best) {
    List<IndicatorCatalogue.Hit> hits = new ArrayList<>(best.hits());
    hits.removeIf(IndicatorCatalogue.Hit::negated);
    hits.sort(
        Comparator.comparingDouble((IndicatorCatalogue.Hit h) -> -h.indicator().weight())
            .thenComparingInt(IndicatorCatalogue.Hit::sentence));
    Set<String> seen = new LinkedHashSet<>();
    List<IndicatorHit> out = new ArrayList<>();
    for (IndicatorCatalogue.Hit h : hits) {
      if (seen.add(h.indicator().id())) {
        String sentence = best.analysis().sentences().get(h.sentence()).text();
        if (sentence.length() > EVIDENCE_CHARS) {
          sentence = sentence.substring(0, EVIDENCE_CHARS - 1) + "\u2026";
        }
        out.add(
            new IndicatorHit(
                h.indicator().id(), h.indicator().name(), sentence, h.indicator().weight()));
      }
    }
    return out;
  }

  private Classification special(String category, String language) {
    return new Classification(
        category, 0.0, false, language, Map.of(), List.of(), model.version(), -1);
  }
}
