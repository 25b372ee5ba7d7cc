package org.vigil.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Vigil;
import org.vigil.cli.internal.IoErrors;
import org.vigil.cli.internal.Json;
import org.vigil.crawler.extract.Extractor;
import org.vigil.model.ExtractedContent;
import org.vigil.model.Passage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil extract}: main content of saved HTML files, with the crawler's extractor. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Extract main content from saved HTML files, with the same extractor the crawler uses.",
      "A directory means every *.html file in it, sorted by name. A file that cannot be read or is"
          + " not text gives an error object (or line) for that file; the others go on."
    },
    footer = ExitCodes.HELP_FOOTER + "%nExit 3 when some files failed.")
public final class ExtractCommand extends BaseCommand implements WithoutElasticsearch {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE_OR_DIR",
      description = "HTML files or directories.")
  List<Path> inputs;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Base URL of the documents, used to resolve relative links.")
  String url;

  @Option(
      names = "--json",
      description =
          "One JSON object per file: file, title, text, published, author, language,"
              + " canonical_url, passages (text, author, published); file and error for a file"
              + " that failed.")
  boolean json;

  @Override
  public Integer call() {
    List<Path> files = expand();
    int failed = 0;
    for (Path file : files) {
      Map<String, Object> result = extractOne(file);
      if (result.containsKey("error")) {
        failed++;
      }
      if (json) {
        out().println(Json.line(result));
      } else {
        render(out(), result);
      }
      out().flush();
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private List<Path> expand() {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> list = Files.list(input)) {
          list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html"))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw CliException.usage("cannot list " + input + ": " + Vigil.oneLine(e));
        }
      } else {
        files.add(input); // a missing file becomes a per-file error object
      }
    }
    if (files.isEmpty()) {
      throw CliException.usage("no *.html files in " + inputs);
    }
    return files;
  }

  static Map<String, Object> extractOne(Path file, String url) {
    Map<String, Object> result = Json.object();
    result.put("file", file.toString());
    try {
      byte[] body = Files.readAllBytes(file);
      ExtractedContent content = Extractor.extract(body, null, url);
      result.put("title", content.title());
      result.put("text", content.text());
      result.put("published", Json.time(content.published()));
      result.put("author", content.author());
      result.put("language", content.language());
      result.put("canonical_url", content.canonicalUrl());
      List<Map<String, Object>> passages = new ArrayList<>();
      for (Passage p : content.passages()) {
        Map<String, Object> passage = Json.object();
        passage.put("text", p.text());
        passage.put("author", p.author());
        passage.put("published", Json.time(p.published()));
        passages.add(passage);
      }
      result.put("passages", passages);
    } catch (IOException e) {
      result.put("error", IoErrors.describe(e)); // "no such file", not just the file name
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // Whatever one file does, it becomes that file's error; the others go on.
      result.put("error", Vigil.oneLine(e));
    }
    return result;
  }

  private Map<String, Object> extractOne(Path file) {
    return extractOne(file, url);
  }

  @SuppressWarnings("unchecked")
  private static void render(PrintWriter out, Map<String, Object> r) {
    out.println("== " + r.get("file"));
    if (r.containsKey("error")) {
      out.println("error: " + r.get("error"));
      out.println();
      return;
    }
    out.println("title:     " + r.get("title"));
    for (String key : new String[] {"author", "published", "language", "canonical_url"}) {
      if (r.get(key) != null) {
        out.printf("%-10s %s%n", key.replace("canonical_url", "canonical") + ":", r.get(key));
      }
    }
    out.println();
    List<Map<String, Object>> passages = (List<Map<String, Object>>) r.get("passages");
    if (passages.isEmpty()) {
      out.println(r.get("text"));
    } else {
      int i = 0;
      for (Map<String, Object> p : passages) {
        i++;
        String who = p.get("author") == null ? "" : " " + p.get("author");
        String when = p.get("published") == null ? "" : " at " + p.get("published");
        out.println("-- post " + i + who + when);
        out.println(p.get("text"));
        out.println();
      }
    }
    out.println();
  }
}
