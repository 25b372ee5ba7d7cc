package org.vigil.classifier.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.stemmer.snowball.SnowballStemmer;

/**
 * The text pipeline: language detection, sentence detection, tokenisation, normalisation and
 * stemming. Thread-safe: the OpenNLP models are shared, the (non-thread-safe) ME wrappers and
 * stemmers are per thread.
 */
public final class TextAnalyzer {
  private static final String LANGDETECT = "/langdetect-183.bin";
  private static final String SENTDETECT = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

  /** Common English function words: a cheap, reliable English signal even on short texts. */
  private static final Set<String> ENGLISH_FUNCTION_WORDS =
      Set.of(
          "the", "and", "to", "of", "a", "in", "is", "you", "we", "our", "for", "with", "that",
          "this", "are", "be", "it", "not", "on", "will", "your", "us", "they", "their", "i", "my",
          "me", "was", "were", "have", "has", "he", "she", "his", "her", "them", "who", "what",
          "from", "by", "at", "as", "an", "or", "but", "if", "all", "can", "do", "n't", "would",
          "there", "been", "should", "which", "when", "about", "into", "than", "just", "no");

  private static final Map<String, String> ISO3_TO_ISO1 = iso3Map();
  private static volatile TextAnalyzer instance;

  private final SentenceModel sentenceModel;
  private volatile LanguageDetectorModel languageModel; // 10 MB: loaded only when first needed
  private final ThreadLocal<LanguageDetectorME> languageDetector =
      ThreadLocal.withInitial(() -> new LanguageDetectorME(languageModel()));
  private final ThreadLocal<SentenceDetectorME> sentenceDetector;

  /** The paragraph break, as a regex: the definition {@link #splitParagraphs} reproduces. */
  static final java.util.regex.Pattern PARAGRAPH = java.util.regex.Pattern.compile("\\n\\s*\\n");

  private static final int STEM_CACHE_SIZE = 50_000;
  // the front cache by token as written: Zipf's law makes a smaller one answer nearly every token,
  // and each entry costs a String, a node and a Token on every crawl thread
  private static final int TOKEN_CACHE_SIZE = 20_000;
  private final ThreadLocal<SnowballStemmer> stemmer =
      ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH));
  // Word frequencies are Zipfian: small per-thread caches answer most stem and lexicon look-ups,
  // by the token as written (no normalising on a hit) and by its normalised form.
  private final ThreadLocal<Caches> caches = ThreadLocal.withInitial(Caches::new);

  private static final class Caches {
    final HashMap<String, Token> byToken = new HashMap<>();
    final HashMap<String, Lexeme> byNorm = new HashMap<>();
  }

  /** A token as written: its lexeme and whether it counts as a word ({@link Sentence#isWord}). */
  private record Token(Lexeme lexeme, boolean word) {}

  private TextAnalyzer() throws IOException {
    try (InputStream in = resource(SENTDETECT)) {
      sentenceModel = new FastScanSentenceModel(in);
    }
    sentenceDetector = ThreadLocal.withInitial(() -> new SentenceDetectorME(sentenceModel));
  }

  /** The shared analyzer; loads the OpenNLP models on first use. */
  public static TextAnalyzer get() {
    TextAnalyzer a = instance;
    if (a == null) {
      synchronized (TextAnalyzer.class) {
        a = instance;
        if (a == null) {
          try {
            a = new TextAnalyzer();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load OpenNLP models: " + e.getMessage(), e);
          }
          instance = a;
        }
      }
    }
    return a;
  }

  private LanguageDetectorModel languageModel() {
    LanguageDetectorModel m = languageModel;
    if (m == null) {
      synchronized (this) {
        m = languageModel;
        if (m == null) {
          try (InputStream in = resource(LANGDETECT)) {
            m = new LanguageDetectorModel(in);
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot load OpenNLP language model: " + e.getMessage(), e);
          }
          languageModel = m;
        }
      }
    }
    return m;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = TextAnalyzer.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("OpenNLP model " + name + " is not on the classpath");
    }
    return in;
  }

  /** Splits {@code text} into sentences and analyses each: its {@link #paragraphs}, in one list. */
  public Analysis analyze(String text) {
    return Analysis.of(paragraphs(text));
  }

  /** Analyses one paragraph, returning its sentences (used for paragraph-aware windows). */
  public List<List<Sentence>> paragraphs(String text) {
    List<List<Sentence>> out = new ArrayList<>();
    for (String paragraph : splitParagraphs(text)) {
      if (!paragraph.isBlank()) {
        List<Sentence> sentences = new ArrayList<>();
        for (String s : sentenceDetector.get().sentDetect(paragraph)) {
          Sentence sentence = sentence(s.strip());
          if (sentence.tokens().length > 0) {
            sentences.add(sentence);
          }
        }
        if (!sentences.isEmpty()) {
          out.add(sentences);
        }
      }
    }
    return out;
  }

  /**
   * {@code PARAGRAPH.split(text)} without the regex engine (~3 % of classifying a page): splits at
   * every run of whitespace that holds two or more newlines, from its first newline to its last,
   * and drops trailing empty pieces, exactly as {@link java.util.regex.Pattern#split} does.
   */
  static List<String> splitParagraphs(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) != '\n') {
        continue;
      }
      int lastNewline = -1;
      for (int j = i + 1; j < n && isRegexSpace(text.charAt(j)); j++) {
        if (text.charAt(j) == '\n') {
          lastNewline = j;
        }
      }
      if (lastNewline >= 0) {
        out.add(text.substring(from, i));
        from = lastNewline + 1;
        i = lastNewline;
      }
    }
    if (out.isEmpty()) {
      return List.of(text); // no match: the input, even when empty
    }
    out.add(text.substring(from));
    int size = out.size();
    while (size > 0 && out.get(size - 1).isEmpty()) {
      size--;
    }
    return out.subList(0, size);
  }

  /** Whether {@code c} is in the regex class {@code \s}: space, tab, newline, VT, FF, CR. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  Sentence sentence(String text) {
    String[] tokens = Tokenizer.tokenize(text);
    String[] norms = new String[tokens.length];
    String[] stems = new String[tokens.length];
    int[] flags = new int[tokens.length];
    Lexeme[] words = new Lexeme[tokens.length];
    int wordCount = 0;
    Caches c = caches.get();
    for (int i = 0; i < tokens.length; i++) {
      Token token = c.byToken.get(tokens[i]);
      if (token == null) {
        if (c.byToken.size() >= TOKEN_CACHE_SIZE) {
          c.byToken.clear();
        }
        token = new Token(lexeme(normalize(tokens[i]), c.byNorm), Sentence.isWord(tokens[i]));
        c.byToken.put(tokens[i], token);
      }
      Lexeme word = token.lexeme();
      words[i] = word;
      norms[i] = word.norm;
      stems[i] = word.stem;
      flags[i] = word.flags;
      wordCount += token.word() ? 1 : 0;
    }
    return new Sentence(text, tokens, norms, stems, flags, words, wordCount);
  }

  private Lexeme lexeme(String norm, HashMap<String, Lexeme> cache) {
    Lexeme w = cache.get(norm);
    if (w == null) {
      if (cache.size() >= STEM_CACHE_SIZE) {
        cache.clear();
      }
      String stem = norm.charAt(0) == '<' ? norm : stemmer.get().stem(norm).toString();
      w = new Lexeme(norm, stem, Lexicon.flags(norm));
      cache.put(norm, w);
    }
    return w;
  }

  /** Lower-cases and maps numbers, URLs, mentions and quote variants to canonical forms. */
  static String normalize(String token) {
    char c = token.charAt(0);
    if (token.startsWith("http") || token.startsWith("www.")) {
      return "<url>";
    }
    if (c == '@' && token.length() > 1) {
      return "<user>";
    }
    if (c == '#' && token.length() > 1) {
      return token.substring(1).toLowerCase(Locale.ROOT);
    }
    if (Character.isDigit(c)) {
      return "<num>";
    }
    switch (c) {
      case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb', '\u2033':
        return "\"";
      case '\u2018', '\u2019', '`':
        return "'";
      default:
        break;
    }
    return token.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
  }

  /**
   * Detects the language: English function words decide quickly for most English text; otherwise
   * OpenNLP's language detector looks at the first 600 characters, and the text is English unless
   * another language is {@link #OTHER_LANGUAGE_LIKELIHOOD_RATIO} times likelier.
   *
   * @return an ISO 639-1 code where one exists (e.g. {@code en}, {@code de}), else ISO 639-3
   */
  public String detectLanguage(String text, Analysis analysis) {
    int words = 0;
    int english = 0;
    for (Sentence s : analysis.sentences()) {
      for (String n : s.norms()) {
        if (Character.isLetter(n.charAt(0))) {
          words++;
          if (ENGLISH_FUNCTION_WORDS.contains(n)) {
            english++;
          }
        }
      }
      if (words > 300) {
        break;
      }
    }
    if (english >= 3 && english >= 0.2 * words) {
      return "en";
    }
    String sample = text.length() > 600 ? text.substring(0, 600) : text;
    Language[] ranked = languageDetector.get().predictLanguages(sample);
    if (englishAsLikely(ranked)) { // also when English is the best guess
      return "en";
    }
    String code = ranked[0].getLang();
    return ISO3_TO_ISO1.getOrDefault(code, code);
  }

  /**
   * How much likelier than English the language detector's best guess must be for a text that is
   * not clearly English by its function words to count as another language. On short, noisy posts
   * (hashtags, names, links, a few words) the detector is close to uniform over its 103 languages
   * (best guess 0.01–0.03) and its pick is noise: one in ten ISIS-supporter tweets and 2–5 % of the
   * English tweets of the hate-speech datasets came out as Malay, Waray, Latin or Chinese, and were
   * never classified. Text in another language puts that language far ahead (German or Swedish
   * sentences: 5 to 1,000 times English).
   */
  static final double OTHER_LANGUAGE_LIKELIHOOD_RATIO = 2.0;

  private static boolean englishAsLikely(Language[] ranked) {
    for (Language l : ranked) {
      if (l.getLang().equals("eng")) {
        return l.getConfidence() * OTHER_LANGUAGE_LIKELIHOOD_RATIO >= ranked[0].getConfidence();
      }
    }
    return false;
  }

  private static Map<String, String> iso3Map() {
    Map<String, String> m = new HashMap<>();
    for (String iso1 : Locale.getISOLanguages()) {
      try {
        m.put(new Locale(iso1).getISO3Language(), iso1);
      } catch (java.util.MissingResourceException e) {
        // no ISO 639-3 code for this language: skip
      }
    }
    // langdetect uses macrolanguage / individual codes that Locale does not map
    m.put("cmn", "zh");
    m.put("pes", "fa");
    m.put("arb", "ar");
    m.put("zlm", "ms");
    m.put("ekk", "et");
    m.put("lvs", "lv");
    m.put("swh", "sw");
    m.put("nob", "no");
    return m;
  }
}
