package org.vigil.indexer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vigil.indexer.IndexerException;

/**
 * Finds a Java 21+ runtime for Elasticsearch (Vigil itself runs on 17): {@code ES_JAVA_HOME}, then
 * {@code JAVA_HOME}, then the newest JDK under the system JVM folder.
 */
public final class JavaRuntimes {
  static final int MINIMUM = 21;
  private static final Pattern RELEASE_VERSION =
      Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  private JavaRuntimes() {}

  /** The Java home of a 21+ runtime, or a one-line error telling the user to set ES_JAVA_HOME. */
  public static Path findJava21Plus() throws IndexerException {
    return findJava21Plus(System.getenv("ES_JAVA_HOME"), System.getenv("JAVA_HOME"), systemJvms());
  }

  static Path findJava21Plus(String esJavaHome, String javaHome, List<Path> systemJvms)
      throws IndexerException {
    List<Path> candidates = new ArrayList<>();
    if (esJavaHome != null && !esJavaHome.isBlank()) {
      Path explicit = Path.of(esJavaHome);
      if (majorVersion(explicit).orElse(0) < MINIMUM) {
        throw new IndexerException(
            "ES_JAVA_HOME="
                + esJavaHome
                + " is not a Java "
                + MINIMUM
                + "+ runtime; Elasticsearch needs Java "
                + MINIMUM
                + " or newer");
      }
      return explicit;
    }
    if (javaHome != null && !javaHome.isBlank()) {
      candidates.add(Path.of(javaHome));
    }
    candidates.addAll(
        systemJvms.stream().sorted(Comparator.comparing(p -> -majorVersion(p).orElse(0))).toList());
    for (Path candidate : candidates) {
      if (majorVersion(candidate).orElse(0) >= MINIMUM
          && Files.isExecutable(candidate.resolve("bin/java"))) {
        return candidate;
      }
    }
    throw new IndexerException(
        "no Java "
            + MINIMUM
            + "+ runtime found for Elasticsearch (looked at ES_JAVA_HOME, JAVA_HOME and"
            + " /usr/lib/jvm); install one and set ES_JAVA_HOME to its folder");
  }

  /** The major version a JDK's {@code release} file declares, if readable. */
  static Optional<Integer> majorVersion(Path javaHome) {
    try {
      String release = Files.readString(javaHome.resolve("release"));
      Matcher m = RELEASE_VERSION.matcher(release);
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Path> systemJvms() {
    Path root = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
