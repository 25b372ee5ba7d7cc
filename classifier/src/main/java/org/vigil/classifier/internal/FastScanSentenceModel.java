package org.vigil.classifier.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.sentdetect.EndOfSentenceScanner;
import opennlp.tools.sentdetect.SDContextGenerator;
import opennlp.tools.sentdetect.SentenceDetectorFactory;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * OpenNLP's sentence model, unchanged, whose detectors find end-of-sentence candidates without
 * boxing every character of the text: OpenNLP's scanner looks each one up in a {@code
 * HashSet<Character>}, ~3 % of a full crawl's CPU. The scanner here reports exactly the same
 * positions (it is built from the set the model's own scanner uses); everything else is the model's
 * own factory.
 */
final class FastScanSentenceModel extends SentenceModel {
  private static final long serialVersionUID = 1L;
  private transient SentenceDetectorFactory fastFactory; // set lazily: super() may ask for it

  FastScanSentenceModel(InputStream in) throws IOException {
    super(in);
  }

  @Override
  public SentenceDetectorFactory getFactory() {
    SentenceDetectorFactory f = fastFactory;
    if (f == null) {
      SentenceDetectorFactory own = super.getFactory();
      if (own == null) {
        return null; // still loading
      }
      f = new Factory(own);
      fastFactory = f;
    }
    return f;
  }

  /** The model's factory with {@link FastScanner} as its end-of-sentence scanner. */
  private static final class Factory extends SentenceDetectorFactory {
    private final SentenceDetectorFactory own;

    Factory(SentenceDetectorFactory own) {
      this.own = own;
    }

    @Override
    public EndOfSentenceScanner getEndOfSentenceScanner() {
      return new FastScanner(own.getEndOfSentenceScanner().getEOSCharacters());
    }

    @Override
    public SDContextGenerator getSDContextGenerator() {
      return own.getSDContextGenerator();
    }

    @Override
    public boolean isUseTokenEnd() {
      return own.isUseTokenEnd();
    }

    @Override
    public char[] getEOSCharacters() {
      return own.getEOSCharacters();
    }

    @Override
    public Dictionary getAbbreviationDictionary() {
      return own.getAbbreviationDictionary();
    }

    @Override
    public String getLanguageCode() {
      return own.getLanguageCode();
    }
  }

  /** Positions of the end-of-sentence characters, by a table for ASCII and a scan otherwise. */
  static final class FastScanner implements EndOfSentenceScanner {
    private final Set<Character> characters;
    private final boolean[] ascii = new boolean[128];
    private final char[] others;

    FastScanner(Set<Character> characters) {
      this.characters = Set.copyOf(characters);
      StringBuilder rest = new StringBuilder();
      for (char c : this.characters) {
        if (c < 128) {
          ascii[c] = true;
        } else {
          rest.append(c);
        }
      }
      others = rest.toString().toCharArray();
    }

    @Override
    public Set<Character> getEOSCharacters() {
      return characters;
    }

    @Override
    public List<Integer> getPositions(CharSequence s) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < s.length(); i++) {
        if (isEos(s.charAt(i))) {
          positions.add(i);
        }
      }
      return positions;
    }

    @Override
    public List<Integer> getPositions(StringBuffer s) {
      return getPositions((CharSequence) s);
    }

    @Override
    public List<Integer> getPositions(char[] cs) {
      return getPositions(new String(cs));
    }

    private boolean isEos(char c) {
      if (c < 128) {
        return ascii[c];
      }
      for (char o : others) {
        if (o == c) {
          return true;
        }
      }
      return false;
    }
  }
}
