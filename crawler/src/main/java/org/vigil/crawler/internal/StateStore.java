package org.vigil.crawler.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The crawl state of one source in SQLite (WAL): every URL ever queued, with the run ("generation")
 * that last queued it and the run that last finished it, its HTTP validators and content hash, and
 * the text hashes seen. A run that did not finish leaves {@code running=1}; the next run resumes it
 * from the URLs queued but not done in that generation.
 *
 * <p>Each URL also keeps the sink version its content hash was last settled under (see {@code
 * Crawler.Builder#sinkVersion}), the document key of its last content (the canonical URL it
 * declared: the sink indexes it under that key, so a 404 must mark that document) and whether that
 * content was handed to the sink or skipped as a duplicate. Databases from before these columns get
 * them added on open, empty: unknown.
 */
public final class StateStore implements Closeable {
  /**
   * Validators and hash of a URL from an earlier fetch, the sink version the hash was settled under
   * ({@code null}: unknown, e.g. a database from before sink versions), the document key of that
   * content ({@code null}: unknown, a database from before document keys) and whether that content
   * was handed to the sink ({@code null}: unknown).
   */
  public record Previous(
      String etag,
      String lastModified,
      String contentHash,
      String sinkVersion,
      String docKey,
      Boolean handed) {
    /** Whether an earlier fetch hashed content here (and it was not marked gone since). */
    public boolean hasContent() {
      return contentHash != null && !contentHash.equals(GONE_HASH);
    }

    /**
     * Whether the sink may hold a decision about the content last fetched here: it was handed on
     * (or it is not known whether it was, the safe side).
     */
    public boolean handedOn() {
      return contentHash != null && !Boolean.FALSE.equals(handed);
    }
  }

  /**
   * The content hash a URL gets when the sink marked it gone (it answered 404/410): not a hash of
   * any text, so the page is handed on again when it comes back (a re-crawl: whatever is indexed
   * about it is settled anew), and another 404 is not marked again.
   */
  public static final String GONE_HASH = "gone";

  /** A write waiting for the next checkpoint. */
  public sealed interface Op permits Enqueue, Done, TextHash, Gone {}

  /** A URL queued in this generation. */
  public record Enqueue(String url, String host, int depth, int kind, String parent)
      implements Op {}

  /**
   * A URL finished in this generation. A {@code null} validator, hash, version, document key or
   * {@code handed} keeps the stored one.
   */
  public record Done(
      String url,
      String host,
      int depth,
      int kind,
      boolean fetched,
      String etag,
      String lastModified,
      String contentHash,
      String sinkVersion,
      String docKey,
      Boolean handed)
      implements Op {}

  /** A text hash first seen at a URL. */
  public record TextHash(String hash, String url) implements Op {}

  /**
   * A URL that answered 404/410 and is settled as gone: its hash becomes {@link #GONE_HASH} and its
   * validators are dropped (so a page that comes back is fetched in full, not answered 304). With a
   * {@code docKey} (the sink marked that document gone), every other URL whose content had that key
   * gets the same: none of them served it in this run, and when one does again it is handed on as a
   * page that came back, which takes the mark away. Applied after the batch's {@link Done}s, whose
   * hash never overwrites it with {@code null}.
   */
  public record Gone(String url, String docKey) implements Op {}

  /** What a run starts from. */
  public record Start(
      long generation,
      boolean resumed,
      List<Task> frontier,
      Set<String> seen,
      long fetched,
      Map<String, Integer> perHost,
      Map<String, String> textHashes) {}

  private final Connection db;

  private StateStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating) the state of a source; {@code dir == null} keeps it in memory. */
  public static StateStore open(Path dir) throws IOException {
    try {
      String url;
      if (dir == null) {
        url = "jdbc:sqlite::memory:";
      } else {
        Files.createDirectories(dir);
        url = "jdbc:sqlite:" + dir.resolve("crawl.db").toAbsolutePath();
      }
      Connection db = DriverManager.getConnection(url);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL"); // WAL + NORMAL: durable at checkpoint granularity
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS url(url TEXT PRIMARY KEY, host TEXT NOT NULL,"
                + " depth INTEGER NOT NULL, kind INTEGER NOT NULL, parent TEXT,"
                + " queued_gen INTEGER NOT NULL, done_gen INTEGER NOT NULL DEFAULT 0,"
                + " fetched INTEGER NOT NULL DEFAULT 0, etag TEXT, last_modified TEXT,"
                + " content_hash TEXT, sink_version TEXT, doc_key TEXT, handed INTEGER)");
        addMissingColumns(s);
        s.execute("CREATE INDEX IF NOT EXISTS url_queued ON url(queued_gen)");
        s.execute("CREATE INDEX IF NOT EXISTS url_parent ON url(parent)");
        s.execute("CREATE INDEX IF NOT EXISTS url_doc_key ON url(doc_key)");
        s.execute("CREATE TABLE IF NOT EXISTS text_hash(hash TEXT PRIMARY KEY, url TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      }
      db.setAutoCommit(false);
      db.commit();
      return new StateStore(db);
    } catch (SQLException e) {
      throw new IOException(
          "crawl state " + (dir == null ? "(memory)" : dir) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Adds the columns a database created by an earlier release lacks (no-op otherwise); its rows
   * keep them empty, i.e. unknown. {@code sink_version}: a crawl with a sink version hands those
   * pages on once more. {@code doc_key}: those pages are fetched once in full, to learn it. {@code
   * handed}: treated as handed on.
   */
  private static void addMissingColumns(Statement s) throws SQLException {
    Set<String> present = new HashSet<>();
    try (ResultSet columns = s.executeQuery("PRAGMA table_info(url)")) {
      while (columns.next()) {
        present.add(columns.getString("name"));
      }
    }
    for (String column : List.of("sink_version TEXT", "doc_key TEXT", "handed INTEGER")) {
      if (!present.contains(column.substring(0, column.indexOf(' ')))) {
        s.execute("ALTER TABLE url ADD COLUMN " + column);
      }
    }
  }

  /** Starts a run: resumes an unfinished one, or opens a new generation. */
  public synchronized Start start() throws IOException {
    try {
      long gen = Long.parseLong(meta("generation", "0"));
      boolean running = meta("running", "0").equals("1");
      if (!running) {
        gen++;
        setMeta("generation", Long.toString(gen));
        setMeta("running", "1");
        db.commit();
        return new Start(gen, false, List.of(), new HashSet<>(), 0, new HashMap<>(), textHashes());
      }
      List<Task> frontier = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long fetched = 0;
      Map<String, Integer> perHost = new HashMap<>();
      try (PreparedStatement q =
          db.prepareStatement(
              "SELECT url, host, depth, kind, done_gen, fetched FROM url WHERE queued_gen = ?"
                  + " ORDER BY depth")) {
        q.setLong(1, gen);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            String url = rs.getString(1);
            seen.add(url);
            if (rs.getLong(5) < gen) {
              frontier.add(new Task(url, rs.getInt(3), Task.Kind.values()[rs.getInt(4)], 0));
            } else if (rs.getInt(6) == 1) {
              fetched++;
              perHost.merge(rs.getString(2), 1, Integer::sum);
            }
          }
        }
      }
      return new Start(gen, true, frontier, seen, fetched, perHost, textHashes());
    } catch (SQLException e) {
      throw new IOException("crawl state: " + e.getMessage(), e);
    }
  }

  /** Validators and hash of {@code url} from an earlier fetch, or {@code null}. */
  public synchronized Previous previous(String url) throws IOException {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT etag, last_modified, content_hash, sink_version, doc_key, handed FROM url"
                + " WHERE url = ?")) {
      q.setString(1, url);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        int handed = rs.getInt(6);
        return new Previous(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.wasNull() ? null : handed != 0);
      }
    } catch (SQLException e) {
      throw new IOException("crawl state: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a URL other than {@code url} fetched content with document key {@code docKey} in run
   * {@code gen} (as far as committed): that document is still served there, so it is not gone.
   */
  public synchronized boolean servedElsewhere(String docKey, String url, long gen)
      throws IOException {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT 1 FROM url WHERE doc_key = ? AND url <> ? AND done_gen = ? AND fetched = 1"
                + " AND content_hash IS NOT NULL AND content_hash <> ? LIMIT 1")) {
      q.setString(1, docKey);
      q.setString(2, url);
      q.setLong(3, gen);
      q.setString(4, GONE_HASH);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IOException("crawl state: " + e.getMessage(), e);
    }
  }

  /**
   * The URLs first discovered from {@code parent} in earlier runs (re-queued when it is unchanged).
   */
  public synchronized List<Task> children(String parent) throws IOException {
    List<Task> tasks = new ArrayList<>();
    try (PreparedStatement q =
        db.prepareStatement("SELECT url, depth, kind FROM url WHERE parent = ?")) {
      q.setString(1, parent);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          tasks.add(new Task(rs.getString(1), rs.getInt(2), Task.Kind.values()[rs.getInt(3)], 0));
        }
      }
      return tasks;
    } catch (SQLException e) {
      throw new IOException("crawl state: " + e.getMessage(), e);
    }
  }

  /** Writes a batch in one transaction. */
  public synchronized void commit(long gen, List<Op> ops) throws IOException {
    try (PreparedStatement enqueue =
            db.prepareStatement(
                "INSERT INTO url(url, host, depth, kind, parent, queued_gen) VALUES (?,?,?,?,?,?)"
                    + " ON CONFLICT(url) DO UPDATE SET queued_gen = excluded.queued_gen,"
                    + " depth = excluded.depth WHERE url.queued_gen < excluded.queued_gen");
        PreparedStatement done =
            db.prepareStatement(
                "INSERT INTO url(url, host, depth, kind, queued_gen, done_gen, fetched, etag,"
                    + " last_modified, content_hash, sink_version, doc_key, handed)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT(url) DO UPDATE SET queued_gen = excluded.queued_gen,"
                    + " done_gen = excluded.done_gen, fetched = excluded.fetched,"
                    + " etag = COALESCE(excluded.etag, url.etag),"
                    + " last_modified = COALESCE(excluded.last_modified, url.last_modified),"
                    + " content_hash = COALESCE(excluded.content_hash, url.content_hash),"
                    + " sink_version = COALESCE(excluded.sink_version, url.sink_version),"
                    + " doc_key = COALESCE(excluded.doc_key, url.doc_key),"
                    + " handed = COALESCE(excluded.handed, url.handed)");
        PreparedStatement hash =
            db.prepareStatement("INSERT OR IGNORE INTO text_hash(hash, url) VALUES (?, ?)");
        PreparedStatement gone =
            db.prepareStatement(
                "UPDATE url SET content_hash = ?, etag = NULL, last_modified = NULL WHERE url = ?"
                    + " OR (doc_key = ? AND content_hash IS NOT NULL)")) {
      for (Op op : ops) {
        if (op instanceof Enqueue e) {
          enqueue.setString(1, e.url());
          enqueue.setString(2, e.host());
          enqueue.setInt(3, e.depth());
          enqueue.setInt(4, e.kind());
          enqueue.setString(5, e.parent());
          enqueue.setLong(6, gen);
          enqueue.addBatch();
        } else if (op instanceof Done d) {
          done.setString(1, d.url());
          done.setString(2, d.host());
          done.setInt(3, d.depth());
          done.setInt(4, d.kind());
          done.setLong(5, gen);
          done.setLong(6, gen);
          done.setInt(7, d.fetched() ? 1 : 0);
          done.setString(8, d.etag());
          done.setString(9, d.lastModified());
          done.setString(10, d.contentHash());
          done.setString(11, d.sinkVersion());
          done.setString(12, d.docKey());
          if (d.handed() == null) {
            done.setNull(13, java.sql.Types.INTEGER);
          } else {
            done.setInt(13, d.handed() ? 1 : 0);
          }
          done.addBatch();
        } else if (op instanceof TextHash t) {
          hash.setString(1, t.hash());
          hash.setString(2, t.url());
          hash.addBatch();
        } else if (op instanceof Gone g) {
          gone.setString(1, GONE_HASH);
          gone.setString(2, g.url());
          gone.setString(3, g.docKey()); // NULL matches no row: only the URL itself
          gone.addBatch();
        }
      }
      enqueue.executeBatch();
      done.executeBatch();
      hash.executeBatch();
      gone.executeBatch();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new IOException("crawl state: " + e.getMessage(), e);
    }
  }

  /** Marks the run finished: the next run starts a new generation. */
  public synchronized void finish() throws IOException {
    try {
      setMeta("running", "0");
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new IOException("crawl state: " + e.getMessage(), e);
    }
  }

  private Map<String, String> textHashes() throws SQLException {
    Map<String, String> hashes = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT hash, url FROM text_hash")) {
      while (rs.next()) {
        hashes.put(rs.getString(1), rs.getString(2));
      }
    }
    return hashes;
  }

  private String meta(String key, String fallback) throws SQLException {
    try (PreparedStatement q = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      q.setString(1, key);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : fallback;
      }
    }
  }

  private void setMeta(String key, String value) throws SQLException {
    try (PreparedStatement u =
        db.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
      u.setString(1, key);
      u.setString(2, value);
      u.executeUpdate();
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the caller reports the original error
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // nothing to save: every batch was committed or reported
    }
  }
}
