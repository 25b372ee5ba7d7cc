package org.vigil.cli.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.vigil.classifier.DataFormatException;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.LabeledTextReader;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Vigil;
import org.vigil.cli.internal.Json;
import org.vigil.cli.internal.Models;
import org.vigil.crawler.PageFetcher;
import org.vigil.model.Classification;
import org.vigil.model.CrawledPage;
import org.vigil.model.IndicatorHit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil classify}: one JSON object per text, in input order, streaming. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Classify texts (a TSV file, a web page or stdin) and print one JSON object per text.",
      "Objects come in input order, e.g.",
      "  {\"row\":1,\"flagged\":true,\"score\":0.93,\"category\":\"recruitment\",\"language\":\"en\","
          + "\"indicators\":[{\"id\":\"call-to-join\",\"evidence\":\"...\"}],\"model\":\"...\"}",
      "Input: a TSV file with a header row (--tsv), one web page (--url) or standard input (-).",
      "The model is --model, else the active registry model, else the default model."
    },
    footer =
        ExitCodes.HELP_FOOTER
            + "%nExit 2 with a one-line error for a missing column, an empty or binary file, or a"
            + " wrong model file.")
public final class ClassifyCommand extends BaseCommand implements WithoutElasticsearch {
  static final class Input {
    @Option(names = "--tsv", paramLabel = "FILE", description = "TSV file with a header row.")
    Path tsv;

    @Option(
        names = "--url",
        paramLabel = "URL",
        description = "Fetch, extract and classify a page.")
    String url;

    @Parameters(
        arity = "0..1",
        paramLabel = "STDIN", // not "-": picocli's completion script needs a name
        description = "- (a dash): read one text from standard input.")
    String stdin;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(
      names = "--text-column",
      paramLabel = "NAME",
      defaultValue = "text",
      description = "TSV column holding the text (default: ${DEFAULT-VALUE}).")
  String textColumn;

  @Option(names = "--model", paramLabel = "FILE", description = "Model file to use.")
  Path model;

  @Option(
      names = "--threshold",
      paramLabel = "SCORE",
      description =
          "Flag from this score on, in (0, 1), instead of the model's threshold (as a source's"
              + " flag_threshold does); the model version gets @SCORE.")
  Double threshold;

  @Option(
      names = "--semantic",
      description =
          "Score passages the model finds suspicious with the semantic stage too (sentence"
              + " embeddings; fewer false flags on news and counter-speech, 35-120 ms of CPU per scored"
              + " passage; default model only); the model version gets +e5-small-v2-q-HASH.")
  boolean semantic;

  @Option(
      names = "--allow-private",
      description = "With --url: allow loopback/private addresses (local test sites).")
  boolean allowPrivate;

  @Override
  public Integer call() {
    if (input.stdin != null && !input.stdin.equals("-")) {
      throw CliException.badArguments(
          "unexpected argument '" + input.stdin + "' (use - for stdin)");
    }
    if (input.url != null) {
      checkHttpUrl(input.url); // before loading the model: a usage error should be quick
    }
    if (threshold != null && !(threshold > 0 && threshold < 1)) {
      throw CliException.badArguments("--threshold must be in (0, 1), was " + threshold);
    }
    ExtremismCategorizer loaded = Models.categorizer(root().home(), model);
    if (semantic) {
      loaded = Models.withSemanticStage(loaded);
    }
    ExtremismCategorizer categorizer = threshold == null ? loaded : loaded.withThreshold(threshold);
    if (input.tsv != null) {
      return classifyTsv(categorizer);
    }
    if (input.url != null) {
      return classifyUrl(categorizer);
    }
    String text = readStdin(root().stdin());
    out().println(Json.line(toJson(1, categorizer.categorize(text))));
    return ExitCodes.OK;
  }

  private int classifyTsv(ExtremismCategorizer categorizer) {
    long row = 0;
    try (Stream<String> texts = LabeledTextReader.readTexts(input.tsv, textColumn)) {
      Iterator<String> it = texts.iterator();
      while (it.hasNext()) {
        row++;
        out().println(Json.line(toJson(row, categorizer.categorize(it.next()))));
        if (row % 256 == 0) {
          out().flush();
        }
      }
    } catch (DataFormatException e) {
      out().flush();
      throw CliException.usage(e.getMessage() + commaHint(input.tsv));
    } catch (UncheckedIOException e) {
      out().flush();
      throw new CliException(ExitCodes.FAILED, input.tsv + ": " + Vigil.oneLine(e.getCause()));
    }
    if (row == 0) {
      throw CliException.usage(input.tsv + ": no rows after the header");
    }
    return ExitCodes.OK;
  }

  /**
   * A hint when a file given to {@code --tsv} looks comma-separated (a header without tabs but with
   * commas), else empty.
   */
  static String commaHint(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header != null && header.indexOf('\t') < 0 && header.indexOf(',') >= 0) {
        return "; the file looks comma-separated: --tsv needs tab-separated columns";
      }
    } catch (IOException | UncheckedIOException e) {
      // No hint: the error itself says what is wrong with the file.
    }
    return "";
  }

  private int classifyUrl(ExtremismCategorizer categorizer) {
    CrawledPage page;
    try {
      page = PageFetcher.fetchOne(input.url, null, allowPrivate);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, Vigil.oneLine(e), e);
    }
    Map<String, Object> json = toJson(1, categorizer.categorize(page.content()));
    json.put("url", page.url());
    json.put("title", page.content().title());
    out().println(Json.line(json));
    return ExitCodes.OK;
  }

  /** An {@code http(s)} URL with a host; anything else is a usage error (exit 2). */
  static void checkHttpUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw CliException.badArguments("--url " + url + ": not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw CliException.badArguments("--url " + url + ": only http and https URLs can be fetched");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw CliException.badArguments("--url " + url + ": no host");
    }
  }

  /** Standard input as UTF-8 text; binary input is a usage error. */
  static String readStdin(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "stdin: " + Vigil.oneLine(e), e);
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw CliException.usage("stdin: binary data (NUL bytes), expected UTF-8 text");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw CliException.usage("stdin: binary data (invalid UTF-8), expected UTF-8 text");
    }
  }

  /** The JSON object of one classification. */
  static Map<String, Object> toJson(long row, Classification c) {
    Map<String, Object> json = Json.object();
    json.put("row", row);
    json.put("flagged", c.flagged());
    json.put("score", Math.round(c.score() * 10000) / 10000.0);
    json.put("category", c.category());
    json.put("language", c.language());
    List<Map<String, Object>> indicators = new ArrayList<>();
    for (IndicatorHit hit : c.indicators()) {
      Map<String, Object> i = Json.object();
      i.put("id", hit.id());
      i.put("evidence", hit.evidence());
      indicators.add(i);
    }
    json.put("indicators", indicators);
    json.put("model", c.modelVersion());
    return json;
  }
}
