package org.vigil.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.model.Classification;

/**
 * One extremist paragraph among up to 30 ordinary ones is still found, with its evidence, at any
 * position; the same pages without it are not flagged (issue 12, "pages, not only texts"). The
 * pages are generated: ordinary paragraphs from sentence templates about local news, sport,
 * business, science, travel and food, and one of a few extremist paragraphs written for this test
 * (not in the training corpus).
 */
class PageDilutionTest {
  private static final int PAGES = 120;

  private static final String[] EXTREMIST = {
    "Brothers, the time for talk is over. Join us and take your place in the ranks before it is too"
        + " late. Message me privately on Telegram and tell no one about this channel.",
    "They are vermin, not people, and they are breeding in our cities while we sleep. Every one of"
        + " them you let stay is another rat in your children's future. Wake up and drive them out.",
    "The filthy invaders have taken our towns and our jobs. They are parasites and subhuman scum,"
        + " and the day is coming when we will cleanse this land of every last one of them.",
    "Our fighters are lions and every martyr is a hero of the caravan. Leave your comfortable life,"
        + " make hijrah, pledge allegiance and fight the enemies of God with us.",
    "Sign up today, brother. Recruits who are ready to act for our race are welcome at the next"
        + " meeting; bring your loyalty and tell no outsider where we train.",
  };

  private static final String[][] TOPICS = {
    {
      "The town council approved the new budget for road repairs on %s evening.",
      "Residents of %s said the roadworks would cause delays for about %d weeks.",
      "The mayor told reporters that the library in %s would stay open until eight.",
      "A spokesperson for the council said %d new bus shelters had been ordered.",
      "Local schools in %s will reopen after the holiday on the %dth.",
    },
    {
      "The home side scored twice in the second half to win the match in %s.",
      "Their coach praised the defence after %d clean sheets in a row.",
      "Tickets for the final in %s sold out within %d minutes.",
      "The captain said the team would rest several players on %s.",
      "Rain delayed the start of the cricket match by %d minutes.",
    },
    {
      "Shares in the bakery chain rose after it reported higher sales in %s.",
      "The company plans to open %d new shops over the next year.",
      "Analysts expect interest rates to stay unchanged until %s.",
      "The factory in %s employs around %d people on two shifts.",
      "Profits at the regional bank fell slightly in the third quarter.",
    },
    {
      "Researchers in %s have measured the growth of coral on the reef for %d years.",
      "The telescope recorded a faint signal from a galaxy far beyond our own.",
      "A new study of bees in %s found that wild flowers help colonies survive winter.",
      "The team collected %d samples of river water during the spring floods.",
      "Scientists said the results should be repeated before firm conclusions are drawn.",
    },
    {
      "The old harbour in %s is a pleasant place for an evening walk.",
      "Trains to the coast run every %d minutes during the summer season.",
      "Visitors can hire bicycles near the station in %s for a small fee.",
      "The museum's collection of maps and clocks is worth a morning.",
      "Most hotels in %s are fully booked for the festival in %d days.",
    },
    {
      "Slice the onions thinly and fry them gently for %d minutes.",
      "Add the tomatoes, a pinch of salt and the herbs from %s.",
      "Let the dough rest for about %d minutes before shaping it.",
      "Serve the soup warm with fresh bread and a little butter.",
      "The recipe comes from a small restaurant in %s that has closed since.",
    },
  };

  private static final String[] PLACES = {
    "Harlow",
    "Brenton",
    "Millford",
    "Ashby",
    "Kingsport",
    "Dunmore",
    "Eastwick",
    "Fairhaven",
    "Tuesday",
    "Monday",
    "March",
    "October",
  };

  private static ExtremismCategorizer categorizer;

  @BeforeAll
  static void load() throws ModelException {
    categorizer = ExtremismCategorizer.loadDefault();
  }

  /** An ordinary paragraph: 2-5 sentences of one topic. */
  static String ordinaryParagraph(Random random) {
    String[] topic = TOPICS[random.nextInt(TOPICS.length)];
    int n = 2 + random.nextInt(4);
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String template = topic[random.nextInt(topic.length)];
      String s = String.format(template, args(template, random));
      p.append(i == 0 ? "" : " ").append(s);
    }
    return p.toString();
  }

  private static Object[] args(String template, Random random) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i + 1 < template.length(); i++) {
      if (template.charAt(i) == '%') {
        out.add(
            template.charAt(i + 1) == 's'
                ? PLACES[random.nextInt(PLACES.length)]
                : 2 + random.nextInt(40));
      }
    }
    return out.toArray();
  }

  static List<String> ordinaryPage(Random random) {
    int n = 1 + random.nextInt(30);
    List<String> paragraphs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      paragraphs.add(ordinaryParagraph(random));
    }
    return paragraphs;
  }

  @Test
  void eachExtremistParagraphIsFlaggedOnItsOwn() {
    for (String e : EXTREMIST) {
      assertThat(categorizer.categorize(e).flagged()).as(e).isTrue();
    }
  }

  @Test
  void oneExtremistParagraphAtAnyPositionAmongOrdinaryOnesIsFlaggedWithItsEvidence() {
    Random random = new Random(42);
    int flagged = 0;
    int evidenceFromIt = 0;
    for (int page = 0; page < PAGES; page++) {
      List<String> paragraphs = ordinaryPage(random);
      String extremist = EXTREMIST[page % EXTREMIST.length];
      paragraphs.add(random.nextInt(paragraphs.size() + 1), extremist);
      Classification c = categorizer.categorize(String.join("\n\n", paragraphs));
      if (c.flagged()) {
        flagged++;
        if (!c.topEvidence().isEmpty() && extremist.contains(c.topEvidence())) {
          evidenceFromIt++;
        }
      }
    }
    assertThat(flagged).as("pages flagged of %d", PAGES).isGreaterThanOrEqualTo(PAGES * 9 / 10);
    assertThat(evidenceFromIt)
        .as("flagged pages citing the extremist paragraph")
        .isEqualTo(flagged);
  }

  @Test
  void theSamePagesWithoutItAreNotFlagged() {
    Random random = new Random(42);
    int flagged = 0;
    for (int page = 0; page < PAGES; page++) {
      List<String> paragraphs = ordinaryPage(random);
      random.nextInt(paragraphs.size() + 1); // same random sequence as the pages above
      if (categorizer.categorize(String.join("\n\n", paragraphs)).flagged()) {
        flagged++;
      }
    }
    assertThat(flagged).as("ordinary pages flagged of %d", PAGES).isLessThanOrEqualTo(PAGES / 20);
  }
}
