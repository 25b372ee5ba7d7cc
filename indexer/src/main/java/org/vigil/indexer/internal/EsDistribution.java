package org.vigil.indexer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.vigil.indexer.IndexerException;

/**
 * Locates the Elasticsearch {@code integ-test-zip} distribution (from Maven Central, through the
 * local Maven repository) and unpacks it.
 */
public final class EsDistribution {
  static final String GROUP_PATH = "org/elasticsearch/distribution/integ-test-zip/elasticsearch";

  private EsDistribution() {}

  /** Unpacks the distribution into {@code home} unless already there; returns its folder. */
  public static Path install(Path home, String version) throws IndexerException, IOException {
    Path install = home.resolve("elasticsearch-" + version);
    if (Files.isExecutable(install.resolve("bin/elasticsearch"))) {
      return install;
    }
    Path zip = locateZip(version);
    Path staging = Files.createTempDirectory(home, ".unpack-");
    unzip(zip, staging);
    Files.move(
        staging.resolve("elasticsearch-" + version), install, StandardCopyOption.ATOMIC_MOVE);
    deleteQuietly(staging);
    return install;
  }

  /**
   * The distribution zip: {@code VIGIL_ES_DIST} if set, else the local Maven repository (fetching
   * it with {@code mvn dependency:get} when absent).
   */
  static Path locateZip(String version) throws IndexerException {
    String explicit = System.getenv("VIGIL_ES_DIST");
    if (explicit != null && !explicit.isBlank()) {
      Path zip = Path.of(explicit);
      if (!Files.isRegularFile(zip)) {
        throw new IndexerException("VIGIL_ES_DIST=" + explicit + " is not a file");
      }
      return zip;
    }
    Path zip =
        localRepository()
            .resolve(GROUP_PATH + "/" + version + "/elasticsearch-" + version + ".zip");
    if (!Files.isRegularFile(zip)) {
      fetchWithMaven(version);
    }
    if (!Files.isRegularFile(zip)) {
      throw new IndexerException(
          "Elasticsearch distribution not found at "
              + zip
              + "; fetch it with: mvn dependency:get -Dartifact="
              + artifact(version)
              + " (or set VIGIL_ES_DIST to the zip)");
    }
    return zip;
  }

  static String artifact(String version) {
    return "org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + version + ":zip";
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static void fetchWithMaven(String version) {
    try {
      Process mvn =
          new ProcessBuilder(
                  "mvn",
                  "-q",
                  "-B",
                  "dependency:get",
                  "-Dtransitive=false",
                  "-Dartifact=" + artifact(version))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
        mvn.destroyForcibly();
      }
    } catch (IOException e) {
      // No Maven on the PATH: locateZip reports the missing file with the command to run.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("zip entry escapes the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        if (isExecutable(entry.getName())) {
          Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }

  /** Zip entries carry no POSIX modes through java.util.zip: the launch scripts need +x. */
  private static boolean isExecutable(String name) {
    return name.contains("/bin/") && !name.endsWith(".bat") && !name.endsWith(".exe");
  }

  static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      List<Path> paths = new ArrayList<>(walk.toList());
      java.util.Collections.reverse(paths);
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: a leftover staging folder is harmless.
    }
  }
}
