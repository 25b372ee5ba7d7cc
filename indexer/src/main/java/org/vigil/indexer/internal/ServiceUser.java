package org.vigil.indexer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.vigil.indexer.EmbeddedElasticsearch;
import org.vigil.indexer.IndexerException;

/**
 * Prepares the unprivileged user that runs Elasticsearch when Vigil runs as root: creates it when
 * absent and hands it the home folder, after checking it can reach that folder at all.
 */
final class ServiceUser {
  private ServiceUser() {}

  static void prepare(Path home) throws IOException, IndexerException {
    String user = EmbeddedElasticsearch.SERVICE_USER;
    if (run(List.of("id", "-u", user)) != 0) {
      int created =
          run(
              List.of(
                  "useradd",
                  "--system",
                  "--no-create-home",
                  "--home-dir",
                  "/nonexistent",
                  "--shell",
                  "/usr/sbin/nologin",
                  user));
      if (created != 0 && run(List.of("id", "-u", user)) != 0) {
        throw new IndexerException(
            "cannot create the unprivileged user '" + user + "' to run Elasticsearch as root");
      }
    }
    requireTraversable(home);
    if (run(List.of("chown", "-R", user + ":" + user, home.toString())) != 0) {
      throw new IndexerException("cannot hand " + home + " to user '" + user + "' (chown failed)");
    }
  }

  /** Every parent must be world-searchable, or the service user cannot reach its files. */
  private static void requireTraversable(Path home) throws IOException, IndexerException {
    for (Path dir = home.getParent(); dir != null; dir = dir.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IndexerException(
            "Elasticsearch home "
                + home
                + " is inside "
                + dir
                + ", which user '"
                + EmbeddedElasticsearch.SERVICE_USER
                + "' cannot enter; choose a home outside it (e.g. /var/lib/vigil/es)");
      }
    }
  }

  private static int run(List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
