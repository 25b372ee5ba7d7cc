package org.vigil.classifier.internal;

import java.util.Set;

/**
 * Word lists for the register features. They describe how a text is written (reporting,
 * counter-speech, scripture, second-person appeal), not what it is about, so that a news report on
 * recruitment and a recruitment post differ even when they share vocabulary. All entries are
 * normalised (lower-case) tokens.
 */
final class Lexicon {
  private Lexicon() {}

  /** Attribution and reporting verbs/nouns: the hallmark of news and court reporting. */
  static final Set<String> ATTRIBUTION =
      Set.of(
          "said",
          "says",
          "told",
          "according",
          "reported",
          "reports",
          "reportedly",
          "stated",
          "confirmed",
          "announced",
          "added",
          "noted",
          "explained",
          "claimed",
          "alleged",
          "allegedly",
          "spokesman",
          "spokeswoman",
          "spokesperson",
          "officials",
          "official",
          "police",
          "prosecutors",
          "prosecutor",
          "court",
          "judge",
          "authorities",
          "ministry",
          "minister",
          "government",
          "agency",
          "researchers",
          "analysts",
          "experts",
          "study",
          "report",
          "charged",
          "sentenced",
          "arrested",
          "convicted",
          "trial",
          "investigators",
          "statement",
          "interview",
          "journalist",
          "newspaper",
          "percent",
          "per",
          "province",
          "county",
          "district",
          "figures",
          "data",
          "survey",
          "estimated",
          "testified",
          "jury");

  /** Counter-speech and prevention markers. */
  static final Set<String> COUNTER =
      Set.of(
          "deradicalisation",
          "deradicalization",
          "disengagement",
          "prevention",
          "prevent",
          "counter",
          "countering",
          "resilience",
          "reject",
          "rejected",
          "rejecting",
          "former",
          "formers",
          "exit",
          "left",
          "leaving",
          "manipulate",
          "manipulation",
          "manipulated",
          "exploit",
          "exploits",
          "lies",
          "lie",
          "lied",
          "propaganda",
          "recruiters",
          "grooming",
          "groomed",
          "vulnerable",
          "helpline",
          "support",
          "mentor",
          "mentoring",
          "rehabilitation",
          "reintegration",
          "peace",
          "tolerance",
          "dialogue",
          "community",
          "hate",
          "hatred",
          "extremism",
          "extremist",
          "extremists",
          "radicalisation",
          "radicalization",
          "myth",
          "truth",
          "regret",
          "regrets",
          "survivor",
          "survivors",
          "victims",
          "healing");

  /** Markers of scripture and ordinary religious teaching. */
  static final Set<String> RELIGIOUS =
      Set.of(
          "verse",
          "verses",
          "surah",
          "sura",
          "chapter",
          "scripture",
          "prophet",
          "psalm",
          "gospel",
          "hadith",
          "lord",
          "thee",
          "thou",
          "thy",
          "unto",
          "hath",
          "shall",
          "blessed",
          "mercy",
          "merciful",
          "prayer",
          "pray",
          "worship",
          "faith",
          "charity",
          "patience",
          "forgiveness",
          "righteous",
          "sermon",
          "congregation",
          "scholar",
          "scholars",
          "imam",
          "pastor",
          "rabbi");

  /** Negation cues that turn an indicator phrase around ("do not join them"). */
  static final Set<String> NEGATION =
      Set.of(
          "not",
          "n't",
          "never",
          "no",
          "dont",
          "refuse",
          "refused",
          "reject",
          "rejected",
          "resist",
          "avoid",
          "against",
          "stop",
          "nobody",
          "without",
          "warn",
          "warned",
          "warns",
          "nor");

  static final Set<String> SECOND_PERSON = Set.of("you", "your", "yours", "yourself", "ye", "u");
  static final Set<String> FIRST_PLURAL = Set.of("we", "us", "our", "ours", "ourselves");
  static final Set<String> THIRD_PERSON =
      Set.of("he", "she", "they", "them", "his", "her", "their", "him", "it");

  static final Set<String> MONTHS =
      Set.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "yesterday",
          "ago",
          "last",
          "week",
          "year");

  /** Base-form verbs that open imperative appeals ("Join ...", "Rise up ..."). */
  static final Set<String> IMPERATIVE_OPENERS =
      Set.of(
          "join",
          "come",
          "rise",
          "fight",
          "stand",
          "take",
          "leave",
          "contact",
          "message",
          "dm",
          "pm",
          "send",
          "act",
          "wake",
          "prepare",
          "make",
          "do",
          "don't",
          "be",
          "answer",
          "follow",
          "spread",
          "share",
          "help",
          "support",
          "kill",
          "strike",
          "defend",
          "migrate",
          "pledge",
          "get",
          "go",
          "hurry",
          "download",
          "sign",
          "enlist",
          "train",
          "arm",
          "fear",
          "remember");

  static final int F_ATTRIBUTION = 1;
  static final int F_COUNTER = 1 << 1;
  static final int F_RELIGIOUS = 1 << 2;
  static final int F_NEGATION = 1 << 3;
  static final int F_SECOND = 1 << 4;
  static final int F_FIRST_PLURAL = 1 << 5;
  static final int F_THIRD = 1 << 6;
  static final int F_MONTH = 1 << 7;
  static final int F_IMPERATIVE_OPENER = 1 << 8;
  static final int F_QUOTE = 1 << 9;
  static final int F_NUMBER = 1 << 10;
  static final int F_URL = 1 << 11;
  static final int F_USER = 1 << 12;
  static final int F_EXCLAMATION = 1 << 13;
  static final int F_QUESTION = 1 << 14;

  /** was, were, had, said, told, or a word of more than four letters ending in -ed. */
  static final int F_PAST = 1 << 15;

  /** Starts with a letter ({@link Features#isWord}). */
  static final int F_WORD = 1 << 16;

  /** A people named as a group ({@code Features.GroupFeatureGenerator.GROUPS}). */
  static final int F_GROUP = 1 << 17;

  /** A word of contempt ({@code Features.GroupFeatureGenerator.CONTEMPT}). */
  static final int F_CONTEMPT = 1 << 18;

  /** All lists in one map: one hash look-up per token instead of one per list (hot path). */
  private static final java.util.Map<String, Integer> FLAGS = flagMap();

  private static java.util.Map<String, Integer> flagMap() {
    java.util.HashMap<String, Integer> m = new java.util.HashMap<>();
    add(m, ATTRIBUTION, F_ATTRIBUTION);
    add(m, COUNTER, F_COUNTER);
    add(m, RELIGIOUS, F_RELIGIOUS);
    add(m, NEGATION, F_NEGATION);
    add(m, SECOND_PERSON, F_SECOND);
    add(m, FIRST_PLURAL, F_FIRST_PLURAL);
    add(m, THIRD_PERSON, F_THIRD);
    add(m, MONTHS, F_MONTH);
    add(m, IMPERATIVE_OPENERS, F_IMPERATIVE_OPENER);
    add(m, Set.of("\""), F_QUOTE);
    add(m, Set.of("<num>"), F_NUMBER);
    add(m, Set.of("<url>"), F_URL);
    add(m, Set.of("<user>"), F_USER);
    add(m, Set.of("!"), F_EXCLAMATION);
    add(m, Set.of("?"), F_QUESTION);
    add(m, Set.of("was", "were", "had", "said", "told"), F_PAST);
    add(m, Features.GroupFeatureGenerator.GROUPS, F_GROUP);
    add(m, Features.GroupFeatureGenerator.CONTEMPT, F_CONTEMPT);
    return m;
  }

  private static void add(java.util.Map<String, Integer> m, Set<String> words, int flag) {
    for (String w : words) {
      m.merge(w, flag, (a, b) -> a | b);
    }
  }

  /**
   * The flags of a normalised token: the lists it is in, the placeholders and punctuation register
   * features count, and its shape ({@link #F_WORD}, {@link #F_PAST} by suffix). Text analysis looks
   * them up once per token ({@link Sentence#flags()}).
   */
  static int flags(String norm) {
    Integer listed = FLAGS.get(norm);
    int f = listed == null ? 0 : listed;
    if (!norm.isEmpty() && Character.isLetter(norm.charAt(0))) {
      f |= F_WORD;
    }
    if (norm.length() > 4 && norm.endsWith("ed")) {
      f |= F_PAST;
    }
    return f;
  }
}
