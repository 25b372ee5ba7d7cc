package org.vigil.classifier.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Vigil's OpenNLP {@link FeatureGenerator}s. Each reads the analysed passage and its indicator hits
 * from the sample's extra information (keys below), so the same generators serve training ({@code
 * DocumentCategorizerEventStream}) and classification. Features are binary (each emitted once per
 * document), which keeps probabilities comparable between short posts and long passages.
 */
public final class Features {
  public static final String PASSAGE = "vigil.passage";
  public static final String HITS = "vigil.hits";

  /** The generators of a model, in a fixed order (the order is part of the model format). */
  public static final List<FeatureGenerator> GENERATORS =
      List.of(
          new BiasFeatureGenerator(),
          new NgramFeatureGenerator(),
          new StemFeatureGenerator(),
          new RegisterFeatureGenerator(),
          new IndicatorFeatureGenerator(),
          new GroupFeatureGenerator());

  private Features() {}

  /** All features of a passage, as the model sees them. */
  public static String[] extract(Analysis passage, List<IndicatorCatalogue.Hit> hits) {
    Map<String, Object> extra = extra(passage, hits);
    // generators emit disjoint prefixes and deduplicate themselves
    List<String> all = new java.util.ArrayList<>(512);
    for (FeatureGenerator g : GENERATORS) {
      all.addAll(g.extractFeatures(null, extra));
    }
    return all.toArray(new String[0]);
  }

  /** The extra information the generators read (keys above). */
  static Map<String, Object> extra(Analysis passage, List<IndicatorCatalogue.Hit> hits) {
    Map<String, Object> extra = new java.util.HashMap<>(4);
    extra.put(PASSAGE, passage);
    extra.put(HITS, hits);
    return extra;
  }

  static Analysis passage(Map<String, Object> extra) {
    return (Analysis) extra.get(PASSAGE);
  }

  static boolean isWord(String norm) {
    return Character.isLetter(norm.charAt(0));
  }

  /**
   * Whether a normalised token takes part in n-grams: words, placeholders, {@code !} and {@code ?}.
   */
  static boolean isNgramToken(String norm) {
    return isWord(norm) || norm.charAt(0) == '<' || norm.equals("!") || norm.equals("?");
  }

  /** Whether a stem becomes a feature: words longer than two letters. */
  static boolean isStemFeature(String stem) {
    return stem.length() > 2 && isWord(stem);
  }

  /**
   * A constant feature on every document: OpenNLP maxent has no intercept, so without it a text
   * with no known feature scores exactly 1/k for every category.
   */
  public static final class BiasFeatureGenerator implements FeatureGenerator {
    @Override
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extra) {
      return List.of("bias");
    }
  }

  /** Word unigrams and bigrams on normalised tokens, bigrams within sentences only. */
  public static final class NgramFeatureGenerator implements FeatureGenerator {
    @Override
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extra) {
      Set<String> out = new LinkedHashSet<>();
      for (Sentence s : passage(extra).sentences()) {
        String prev = "<s>";
        for (String n : s.norms()) {
          if (!isNgramToken(n)) {
            continue;
          }
          out.add("w=" + n);
          out.add("b=" + prev + "_" + n);
          prev = n;
        }
      }
      return out;
    }
  }

  /** Snowball stems of words (the fast stand-in for lemma features), excluding very short ones. */
  public static final class StemFeatureGenerator implements FeatureGenerator {
    @Override
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extra) {
      Set<String> out = new LinkedHashSet<>();
      for (Sentence s : passage(extra).sentences()) {
        String[] stems = s.stems();
        for (int i = 0; i < stems.length; i++) {
          if (isStemFeature(stems[i])) {
            out.add("s=" + stems[i]);
          }
        }
      }
      return out;
    }
  }

  /**
   * Register features: how the text is written (attribution, quotation, person, tense, URLs...),
   * and its length. Reporting and counter-speech differ from propaganda more in register than in
   * vocabulary.
   */
  public static final class RegisterFeatureGenerator implements FeatureGenerator {
    @Override
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extra) {
      Set<String> out = new LinkedHashSet<>();
      Analysis p = passage(extra);
      RegisterCounts.of(p).features("reg:", out);
      // Each window is judged as its own document, as a training sample is, so its doc: features
      // repeat its reg: ones (both are in the model format; a model has weights for each).
      for (String f : List.copyOf(out)) {
        out.add("doc:" + f.substring(4));
      }
      int words = p.wordCount();
      out.add(words < 12 ? "len:xs" : words < 40 ? "len:s" : words < 120 ? "len:m" : "len:l");
      return out;
    }
  }

  /**
   * Indicator-catalogue features: which indicators fired, and whether they fired negated ("do not
   * join them") or inside reported speech (attribution verb or quotation in the same sentence). An
   * indicator of another category (condemnation of extremism) is one feature, negated or not.
   */
  public static final class IndicatorFeatureGenerator implements FeatureGenerator {
    @Override
    @SuppressWarnings("unchecked")
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extra) {
      List<IndicatorCatalogue.Hit> hits =
          (List<IndicatorCatalogue.Hit>) extra.getOrDefault(HITS, List.of());
      Set<String> out = new LinkedHashSet<>();
      int plain = 0;
      for (IndicatorCatalogue.Hit h : hits) {
        String id = h.indicator().feature();
        if (!h.indicator().extremist()) { // the opposite stance: its words, however phrased
          out.add("stance=" + id);
          continue;
        }
        if (h.negated()) {
          out.add("indneg=" + id);
        } else if (h.reported()) {
          out.add("indrep=" + id);
          out.add("indrepcat=" + h.indicator().category());
        } else {
          out.add("ind=" + id);
          out.add("indcat=" + h.indicator().category());
          plain++;
        }
      }
      int distinct = (int) out.stream().filter(f -> f.startsWith("ind=")).count();
      out.add(
          distinct == 0
              ? "indn=0"
              : distinct == 1 ? "indn=1" : distinct == 2 ? "indn=2" : "indn=3+");
      if (plain == 0 && hits.stream().anyMatch(h -> h.indicator().extremist())) {
        out.add("ind:only-negated-or-reported");
      }
      return out;
    }
  }

  /**
   * Group-reference features: a mention of a people (a demonym or collective noun such as
   * "immigrants", or "these people") becomes the class token {@code G}, with its neighbouring words
   * ({@code grp:the_G}, {@code grp:G_are}) and whether contempt words share its sentence. The team
   * corpus names fictional peoples only; mapping them and real ones to one class lets what the
   * model learns about contempt for a fictional people carry over to real forum text, where word
   * n-grams on real group names are learned only from news and counter-speech.
   */
  public static final class GroupFeatureGenerator implements FeatureGenerator {
    /** Peoples named as groups (plural and singular forms); fictional ones are the corpus's. */
    static final Set<String> GROUPS =
        Set.of(
            "blacks",
            "jews",
            "jew",
            "muslims",
            "muslim",
            "moslems",
            "moslem",
            "arabs",
            "arab",
            "africans",
            "african",
            "mexicans",
            "mexican",
            "hispanics",
            "latinos",
            "asians",
            "somalis",
            "somali",
            "gypsies",
            "gypsy",
            "roma",
            "immigrants",
            "immigrant",
            "migrants",
            "migrant",
            "refugees",
            "foreigners",
            "foreigner",
            "non-whites",
            "nonwhites",
            "negroes",
            "negros",
            "negro",
            "pakistanis",
            "nigerians",
            "turks",
            // the fictional peoples of classifier/src/main/corpus/forum-casual.tsv
            "vardic",
            "vardics",
            "brevan",
            "brevans",
            "kolvak",
            "kolvaks",
            "quellan",
            "quellans",
            "zannite",
            "zannites",
            "tarvek",
            "tarveks",
            "morrivan",
            "morrivans",
            "haldrek",
            "haldreks",
            "ostrevan",
            "ostrevans",
            "pellan",
            "pellans",
            "dravik",
            "draviks",
            "sorvan",
            "sorvans",
            "keltan",
            "keltans",
            "ulvar",
            "ulvars",
            "grennic",
            "grennics",
            "maltovan",
            "maltovans",
            "fennic",
            "fennics",
            "carvani",
            "carvanis",
            "yssel",
            "yssels",
            "belkan",
            "belkans",
            "torvane",
            "torvanes",
            "nadrani",
            "nadranis",
            "lusvak",
            "lusvaks",
            "erridan",
            "erridans",
            "vossic",
            "vossics",
            "rhelan",
            "rhelans",
            "tamrel",
            "tamrels",
            "iskari",
            "iskaris",
            "coldrevan",
            "coldrevans",
            "ardec",
            "ardecs",
            "wennic",
            "wennics",
            "shalvan",
            "shalvans",
            "pirvak",
            "pirvaks",
            "dunmari",
            "dunmaris",
            "gestrel",
            "gestrels",
            "orvaine",
            "orvaines",
            "hallic",
            "hallics",
            "zevran",
            "zevrans",
            "mirkan",
            "mirkans",
            "trelleck",
            "trellecks");

    /** Words of contempt: dehumanising epithets and sweeping negative traits. */
    static final Set<String> CONTEMPT =
        Set.of(
            "stupid",
            "dumb",
            "lazy",
            "filthy",
            "filth",
            "dirty",
            "disgusting",
            "ugly",
            "stink",
            "stinks",
            "savage",
            "savages",
            "animals",
            "beasts",
            "vermin",
            "parasites",
            "parasite",
            "pests",
            "rats",
            "cockroaches",
            "scum",
            "trash",
            "garbage",
            "rubbish",
            "primitive",
            "feral",
            "inferior",
            "worthless",
            "useless",
            "criminals",
            "thieves",
            "liars",
            "leeches",
            "degenerate",
            "degenerates",
            "subhuman",
            "plague",
            "disease",
            "cancer",
            "virus",
            "breed",
            "zoo",
            "jungle",
            "apes",
            "pigs",
            "dogs",
            "idiots",
            "backward",
            "freeloaders",
            "scroungers",
            "predators",
            "pathetic",
            "sick",
            "lower",
            "lesser");

    /** A word's kind from its lexicon flags: 1 a people, 2 contempt (which wins), else null. */
    private static Integer kind(int flags) {
      if ((flags & Lexicon.F_CONTEMPT) != 0) {
        return 2;
      }
      return (flags & Lexicon.F_GROUP) != 0 ? Integer.valueOf(1) : null;
    }

    @Override
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extra) {
      Set<String> out = new LinkedHashSet<>();
      int plainContempt = 0;
      for (Sentence s : passage(extra).sentences()) {
        String[] n = s.norms();
        boolean group = false;
        boolean contempt = false;
        for (int i = 0; i < n.length; i++) {
          Integer kind = kind(s.flags()[i]);
          boolean people =
              kind == null
                  && n[i].equals("people")
                  && i > 0
                  && (n[i - 1].equals("these") || n[i - 1].equals("those"));
          if (people || kind != null && kind == 1) {
            group = true;
            out.add("grp:" + (people ? "these" : i > 0 ? n[i - 1] : "<s>") + "_G");
            out.add("grp:G_" + (i + 1 < n.length ? n[i + 1] : "</s>"));
          } else if (kind != null) {
            contempt = true;
          }
        }
        if (!contempt) {
          if (group) {
            out.add("grp:any");
          }
          continue;
        }
        boolean distanced = distanced(s.flags());
        if (!distanced) {
          plainContempt++;
        }
        if (group) {
          out.add("grp:any");
          out.add(distanced ? "grp:contempt-distanced" : "grp:contempt");
        }
      }
      if (plainContempt >= 1) {
        out.add("cont>=1");
      }
      if (plainContempt >= 2) {
        out.add("cont>=2");
      }
      return out;
    }

    /** Negated, quoted or argued against: the stance of counter-speech. */
    private static boolean distanced(int[] flags) {
      for (int f : flags) {
        if ((f & (Lexicon.F_NEGATION | Lexicon.F_COUNTER | Lexicon.F_QUOTE)) != 0) {
          return true;
        }
      }
      return false;
    }
  }
}
