package org.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.classifier.internal.TrainingRecipe;

/**
 * Small synthetic labelled data written by the tests (fictional groups, no operational content).
 */
public final class TestData {
  private TestData() {}

  private static final String[] RECRUIT = {
    "Brothers, join the Crimson Banner now, your family is waiting for you",
    "Leave your empty life behind and join our ranks, message us on the private channel",
    "The Crimson Banner needs you, act now before it is too late, join the brotherhood",
    "Only we care about you, come join us and find your true purpose with the Banner",
    "Travel to the camp and join the fighters of the Crimson Banner, contact us privately",
    "Do not wait, pledge yourself to the Crimson Banner today and join the struggle",
  };
  private static final String[] REPORT = {
    "Police said on Tuesday that three men were charged after an investigation into the group",
    "The court heard that the defendant had been radicalised online, prosecutors told the jury",
    "Officials reported that the deradicalisation programme helped forty people leave extremism",
    "According to the ministry, the number of arrests linked to extremist groups fell last year",
    "Researchers said the report found that online propaganda declined after platform bans",
    "The judge sentenced the man to eight years, the court said in a statement on Friday",
  };
  private static final String[] OTHER = {
    "The library reopens on Monday with a new reading room and longer opening hours",
    "Our football team won the derby on Saturday thanks to a late goal from the captain",
    "The community garden needs volunteers to water the tomatoes during the summer",
    "Fresh bread and vegetables are on sale at the harvest market every Sunday morning",
    "The ring road works will close two lanes overnight until the end of the month",
    "My laptop wifi keeps dropping, I tried updating the driver but nothing changed",
  };

  /** A labelled TSV with {@code perLabel} rows for each of three categories. */
  public static Path labelledTsv(Path file, int perLabel) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("label\ttext");
    for (int i = 0; i < perLabel; i++) {
      lines.add("recruitment\t" + variant(RECRUIT, i));
      lines.add("reporting\t" + variant(REPORT, i));
      lines.add("other\t" + variant(OTHER, i));
    }
    Files.write(file, lines);
    return file;
  }

  /**
   * Tiny stand-ins for the default recipe's datasets in the shared layout: one {@code label source
   * id text} file per dataset in {@code dir}, {@code stormfront-dev.tsv} beside it.
   */
  public static Path recipeDatasets(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String dataset : TrainingRecipe.SHIPPED.keySet()) {
      List<String> lines = new ArrayList<>(List.of("label\tsource\tid\ttext"));
      for (int i = 0; i < 8; i++) {
        lines.add("extremist\t" + dataset + "\te" + i + "\t" + variant(RECRUIT, i));
        lines.add("benign_news\t" + dataset + "\tn" + i + "\t" + variant(REPORT, i));
        lines.add("benign_other\t" + dataset + "\to" + i + "\t" + variant(OTHER, i));
      }
      Files.write(dir.resolve(dataset + ".tsv"), lines);
    }
    List<String> stormfront = new ArrayList<>(List.of("label\tid\ttext"));
    for (int i = 0; i < 8; i++) {
      stormfront.add("hate\th" + i + "\t" + variant(RECRUIT, i + 1));
      stormfront.add("noHate\tn" + i + "\t" + variant(OTHER, i + 1));
    }
    Files.write(dir.resolveSibling("stormfront-dev.tsv"), stormfront);
    return dir;
  }

  private static String variant(String[] texts, int i) {
    String base = texts[i % texts.length];
    String next = texts[(i + 1) % texts.length];
    return base + ". " + (i >= texts.length ? next + "." : "");
  }

  /** A recruitment-style text. */
  public static String recruitment() {
    return RECRUIT[0] + ". " + RECRUIT[1] + ".";
  }

  /** An ordinary text. */
  public static String ordinary() {
    return OTHER[0] + ". " + OTHER[3] + ".";
  }
}
