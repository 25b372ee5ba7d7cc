package org.vigil.classifier.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.stemmer.snowball.SnowballStemmer;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.vigil.model.Categories;

/**
 * The versioned catalogue of recruitment/propaganda indicators (indicators.yml), matched on stems
 * and phrases sentence by sentence. Immutable and thread-safe.
 *
 * <p>Pattern syntax, one phrase per entry, terms separated by spaces: {@code word} matches any
 * token with the same Snowball stem ({@code join} matches joins/joined/joining); {@code word*}
 * matches tokens starting with {@code word}; {@code a|b} matches either; {@code _} matches any one
 * token; {@code ~} skips zero to three tokens.
 */
public final class IndicatorCatalogue {
  /** Classpath location of the default catalogue. */
  public static final String DEFAULT_RESOURCE = "/org/vigil/classifier/indicators.yml";

  private final String version;
  private final String yaml;
  private final List<Indicator> indicators;
  private final Map<String, List<CompiledPattern>> byFirstStem = new HashMap<>();
  private final Map<String, List<CompiledPattern>> byPrefix3 = new HashMap<>();
  private final List<CompiledPattern> unindexed = new ArrayList<>();
  // the first two (ASCII) letters of every indexed prefix: most tokens skip the prefix look-up
  private final boolean[] prefixStarts = new boolean[1 << 14];
  // Every word term of every pattern is numbered; a lexeme's memo lists the ids of the terms it
  // matches, so matching a pattern tests ids instead of comparing strings (see termIds).
  private final List<Term> wordTerms = new ArrayList<>();
  private final Map<String, int[]> termIdsByWord = new HashMap<>();
  private final List<TermPrefix> termPrefixes = new ArrayList<>();

  /**
   * One catalogue entry. {@code feature} is the indicator id the model sees for a hit (its own id
   * unless the entry says {@code feature: other-id}): slurs are never written into the team corpus,
   * so the model learns the weight of a slur from the dehumanising epithets the corpus does hold.
   */
  public record Indicator(
      String id,
      String name,
      String category,
      String description,
      String reference,
      double weight,
      List<String> patterns,
      String feature) {

    /**
     * Whether a hit is evidence for a flag (a recruitment or propaganda indicator); the others mark
     * the opposite stance (condemnation, solidarity) and only inform the model.
     */
    public boolean extremist() {
      return Categories.isExtremist(category);
    }
  }

  /** An indicator that fired in a sentence. */
  public record Hit(Indicator indicator, int sentence, boolean negated, boolean reported) {

    /** Whether this hit is evidence for a flag: an extremist indicator, not negated. */
    public boolean evidence() {
      return !negated && indicator.extremist();
    }
  }

  /**
   * A pattern of an indicator; {@code wordTermIds} are the ids of its word terms, each of which
   * must match some token of a sentence for the pattern to match anywhere in it.
   */
  private record CompiledPattern(Indicator indicator, Term[] terms, int[] wordTermIds) {
    CompiledPattern(Indicator indicator, Term[] terms) {
      this(
          indicator,
          terms,
          Arrays.stream(terms).mapToInt(Term::id).filter(id -> id >= 0).distinct().toArray());
    }

    /** False when one of its word terms matches no token of the sentence ({@link #present}). */
    boolean possibleIn(long[] present) {
      for (int id : wordTermIds) {
        if ((present[id >>> 6] & (1L << id)) == 0) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One pattern term: a set of stems and/or prefixes ({@code id} numbers these word terms within
   * the catalogue), a one-token wildcard or a short gap ({@code id} -1).
   */
  record Term(int id, String[] stems, String[] prefixes, boolean any, boolean gap) {
    /** The definition of a match; {@link Candidates#matches} answers the same from the memo. */
    boolean matches(String norm, String stem) {
      if (any) {
        return true;
      }
      for (String s : stems) {
        if (s.equals(stem) || s.equals(norm)) {
          return true;
        }
      }
      for (String p : prefixes) {
        if (norm.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
  }

  private IndicatorCatalogue(String yaml, String source) {
    this.yaml = yaml;
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(source + ": invalid YAML: " + oneLine(e.getMessage()), e);
    }
    if (!(root instanceof Map<?, ?> map) || !(map.get("indicators") instanceof List<?> list)) {
      throw new IllegalArgumentException(source + ": expected a map with 'indicators' list");
    }
    this.version = String.valueOf(map.get("version"));
    SnowballStemmer stemmer = new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH);
    List<Indicator> all = new ArrayList<>();
    for (Object o : list) {
      Indicator ind = parse(o, source);
      all.add(ind);
      for (String p : ind.patterns()) {
        CompiledPattern cp =
            new CompiledPattern(ind, compile(p, stemmer, source + ": " + ind.id()));
        index(cp);
      }
    }
    this.indicators = List.copyOf(all);
    for (Indicator ind : all) {
      if (all.stream().noneMatch(o -> o.id().equals(ind.feature()))) {
        throw new IllegalArgumentException(
            source
                + ": indicator "
                + ind.id()
                + ": 'feature' names no indicator: "
                + ind.feature());
      }
    }
  }

  /** Indexes a pattern by its first term (stems, 3-letter prefixes) so matching skips the rest. */
  private void index(CompiledPattern cp) {
    Term first = cp.terms()[0];
    boolean shortPrefix = false;
    for (String p : first.prefixes()) {
      shortPrefix |= p.length() < 3;
    }
    if (first.any() || shortPrefix) {
      unindexed.add(cp);
      return;
    }
    for (String s : first.stems()) {
      byFirstStem.computeIfAbsent(s, k -> new ArrayList<>()).add(cp);
    }
    for (String p : first.prefixes()) {
      byPrefix3.computeIfAbsent(p.substring(0, 3), k -> new ArrayList<>()).add(cp);
      if (p.charAt(0) < 128 && p.charAt(1) < 128) {
        prefixStarts[(p.charAt(0) << 7) | p.charAt(1)] = true;
      }
    }
  }

  /** Parses a catalogue from YAML text; {@code source} names it in error messages. */
  public static IndicatorCatalogue parse(String yaml, String source) {
    return new IndicatorCatalogue(yaml, source);
  }

  /** The catalogue shipped in the classifier jar. */
  public static IndicatorCatalogue loadDefault() throws IOException {
    try (InputStream in = IndicatorCatalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IOException(DEFAULT_RESOURCE + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "indicators.yml");
    }
  }

  public String version() {
    return version;
  }

  /** The YAML this catalogue was parsed from (stored inside models). */
  public String yaml() {
    return yaml;
  }

  public List<Indicator> indicators() {
    return indicators;
  }

  private static Indicator parse(Object o, String source) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(source + ": indicator entry is not a map: " + o);
    }
    String id = str(m, "id", source, "?");
    Object pats = m.get("patterns");
    if (!(pats instanceof List<?> pl) || pl.isEmpty()) {
      throw new IllegalArgumentException(source + ": indicator " + id + ": 'patterns' is empty");
    }
    List<String> patterns = new ArrayList<>();
    for (Object p : pl) {
      patterns.add(String.valueOf(p));
    }
    Object w = m.get("weight");
    double weight = w instanceof Number n ? n.doubleValue() : 1.0;
    Object feature = m.get("feature");
    return new Indicator(
        id,
        str(m, "name", source, id),
        str(m, "category", source, id),
        str(m, "description", source, id),
        str(m, "reference", source, id),
        weight,
        List.copyOf(patterns),
        feature == null ? id : String.valueOf(feature).strip());
  }

  private static String str(Map<?, ?> m, String key, String source, String id) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new IllegalArgumentException(source + ": indicator " + id + ": missing '" + key + "'");
    }
    return String.valueOf(v).strip();
  }

  private Term[] compile(String pattern, SnowballStemmer stemmer, String where) {
    String[] parts = pattern.toLowerCase(Locale.ROOT).strip().split("\\s+");
    Term[] terms = new Term[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.equals("_")) {
        terms[i] = new Term(-1, new String[0], new String[0], true, false);
      } else if (p.equals("~")) {
        terms[i] = new Term(-1, new String[0], new String[0], false, true);
      } else {
        List<String> stems = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String alt : p.split("\\|")) {
          if (alt.endsWith("*") && alt.length() > 1) {
            prefixes.add(alt.substring(0, alt.length() - 1));
          } else if (alt.startsWith("<") || alt.contains("'")) {
            stems.add(alt.replace('\u2019', '\'')); // placeholders and clitics match verbatim
          } else if (!alt.isEmpty()) {
            stems.add(stemmer.stem(alt).toString());
          }
        }
        terms[i] = wordTerm(stems, prefixes);
      }
    }
    if (terms[0].gap() || terms[terms.length - 1].gap()) {
      throw new IllegalArgumentException(
          where + ": pattern '" + pattern + "' starts or ends with ~");
    }
    return terms;
  }

  /** All indicator hits in {@code analysis}, at most one per indicator and sentence. */
  public List<Hit> match(Analysis analysis) {
    List<Hit> hits = new ArrayList<>();
    List<Sentence> sentences = analysis.sentences();
    for (int si = 0; si < sentences.size(); si++) {
      Sentence s = sentences.get(si);
      String[] norms = s.norms();
      Lexeme[] words = s.lexemes();
      Map<String, Hit> inSentence = null;
      Boolean reported = null;
      long[] present = null;
      for (int start = 0; start < norms.length; start++) {
        Candidates first = candidates(words[start]);
        for (int pass = 0; pass < 4; pass++) {
          List<CompiledPattern> list =
              pass == 0
                  ? first.byStem()
                  : pass == 1 ? first.byNorm() : pass == 2 ? first.byPrefix() : unindexed;
          if (list == null || list.isEmpty()) {
            continue;
          }
          for (CompiledPattern cp : list) {
            String id = cp.indicator().id();
            if (inSentence != null && inSentence.containsKey(id)) {
              continue;
            }
            if (present == null) {
              present = present(words);
            }
            if (cp.possibleIn(present) && matchAt(cp.terms(), 0, words, start)) {
              if (inSentence == null) {
                inSentence = new HashMap<>();
              }
              if (reported == null) {
                reported = reported(norms, s.flags());
              }
              inSentence.put(
                  id, new Hit(cp.indicator(), si, negatedBefore(s.flags(), start), reported));
            }
          }
        }
      }
      if (inSentence != null) {
        List<Hit> sorted = new ArrayList<>(inSentence.values());
        sorted.sort(Comparator.comparing(h -> h.indicator().id()));
        hits.addAll(sorted);
      }
    }
    return hits;
  }

  /**
   * The word terms that match some token of a sentence, as a bit set by term id: a pattern with a
   * word term outside it cannot match there, whatever the start (most candidates on common words).
   */
  private long[] present(Lexeme[] words) {
    long[] present = new long[(wordTerms.size() + 63) >>> 6];
    for (Lexeme w : words) {
      for (int id : candidates(w).termIds()) {
        present[id >>> 6] |= 1L << id;
      }
    }
    return present;
  }

  /** A word term with the next id, indexed by its stems and prefixes for {@link #termIds}. */
  private Term wordTerm(List<String> stems, List<String> prefixes) {
    int id = wordTerms.size();
    for (String s : new LinkedHashSet<>(stems)) {
      int[] ids = termIdsByWord.getOrDefault(s, NO_TERMS);
      int[] more = Arrays.copyOf(ids, ids.length + 1);
      more[ids.length] = id;
      termIdsByWord.put(s, more);
    }
    for (String p : prefixes) {
      termPrefixes.add(new TermPrefix(p, id));
    }
    Term term =
        new Term(id, stems.toArray(new String[0]), prefixes.toArray(new String[0]), false, false);
    wordTerms.add(term);
    return term;
  }

  /** The word terms of all patterns, by id. */
  List<Term> wordTerms() {
    return Collections.unmodifiableList(wordTerms);
  }

  private record TermPrefix(String prefix, int termId) {}

  /**
   * The ids of the word terms that match a token, ascending: exactly the terms whose {@link
   * Term#matches} is true for its norm and stem (one of the term's stems equals the token's stem or
   * norm, or the norm starts with one of its prefixes).
   */
  int[] termIds(String norm, String stem) {
    BitSet ids = new BitSet(wordTerms.size());
    for (int id : termIdsByWord.getOrDefault(stem, NO_TERMS)) {
      ids.set(id);
    }
    for (int id : termIdsByWord.getOrDefault(norm, NO_TERMS)) {
      ids.set(id);
    }
    for (TermPrefix p : termPrefixes) {
      if (norm.startsWith(p.prefix())) {
        ids.set(p.termId());
      }
    }
    return ids.isEmpty() ? NO_TERMS : ids.stream().toArray();
  }

  private static final int[] NO_TERMS = new int[0];

  /**
   * What this catalogue knows of one lexeme: the patterns whose first term it may match (by stem,
   * by norm and by prefix), the ids of the word terms it matches, and whether a gap stops at it.
   */
  private record Candidates(
      IndicatorCatalogue owner,
      List<CompiledPattern> byStem,
      List<CompiledPattern> byNorm,
      List<CompiledPattern> byPrefix,
      int[] termIds,
      boolean gapStop) {
    boolean matches(Term t) {
      if (t.any()) {
        return true;
      }
      for (int id : termIds) {
        if (id == t.id()) {
          return true;
        }
      }
      return false;
    }
  }

  /** A lexeme's candidate patterns in this catalogue, memoised on the lexeme. */
  private Candidates candidates(Lexeme lexeme) {
    if (lexeme.catalogueMemo instanceof Candidates c && c.owner() == this) {
      return c;
    }
    String norm = lexeme.norm;
    Candidates c =
        new Candidates(
            this,
            byFirstStem.get(lexeme.stem),
            norm.equals(lexeme.stem) ? null : byFirstStem.get(norm),
            mayStartPrefix(norm) ? byPrefix3.get(norm.substring(0, 3)) : null,
            termIds(norm, lexeme.stem),
            GAP_STOPS.contains(norm));
    lexeme.catalogueMemo = c;
    return c;
  }

  private boolean mayStartPrefix(String norm) {
    if (norm.length() < 3) {
      return false;
    }
    char a = norm.charAt(0);
    char b = norm.charAt(1);
    return a >= 128 || b >= 128 || prefixStarts[(a << 7) | b];
  }

  private boolean matchAt(Term[] terms, int ti, Lexeme[] words, int pos) {
    if (ti == terms.length) {
      return true;
    }
    Term t = terms[ti];
    if (t.gap()) {
      for (int skip = 0; skip <= 3 && pos + skip <= words.length; skip++) {
        if (matchAt(terms, ti + 1, words, pos + skip)) {
          return true;
        }
        if (pos + skip < words.length && candidates(words[pos + skip]).gapStop()) {
          return false; // "they are not animals" is not "they ~ are ~ animals"
        }
      }
      return false;
    }
    if (pos >= words.length || !candidates(words[pos]).matches(t)) {
      return false;
    }
    return matchAt(terms, ti + 1, words, pos + 1);
  }

  /**
   * Plain negations a gap ({@code ~}) never skips, so the phrase inside a pattern cannot be turned
   * around unnoticed ("they are not animals", "you will never find a family").
   */
  private static final java.util.Set<String> GAP_STOPS =
      java.util.Set.of("not", "n't", "never", "no", "nor", "dont", "cannot");

  private static boolean negatedBefore(int[] flags, int start) {
    for (int i = Math.max(0, start - 4); i < start; i++) {
      if ((flags[i] & Lexicon.F_NEGATION) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean reported(String[] norms, int[] flags) {
    for (int i = 0; i < norms.length; i++) {
      if ((flags[i] & Lexicon.F_ATTRIBUTION) != 0 || norms[i].equals("\"")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
