package org.vigil.indexer.internal;

import java.time.Instant;
import java.util.List;
import org.vigil.model.CopiedPage;
import org.vigil.model.FlaggedItem;
import org.vigil.model.GonePage;

/** One bulk operation: what it does, what it is about, and its NDJSON. */
record BulkOp(Kind kind, FlaggedItem item, GonePage gone, CopiedPage copy, byte[] op) {
  /** What a bulk operation does. */
  enum Kind {
    /** An item's update: its document created or refreshed. */
    UPDATE,
    /** The clear of an item's document (the page is no longer flagged). */
    CLEAR,
    /** The gone mark of a page's document. */
    GONE,
    /** The record of a verbatim copy. */
    COPY,
    /**
     * The gone mark of a page recorded as a verbatim copy, sent beside the page's own (see {@link
     * BulkEngine#markGone}); never spooled (a spooled gone line marks both on replay) and never
     * counted (the page's gone mark is counted once, by its own operation).
     */
    COPY_GONE
  }

  /**
   * The update of {@code item} in {@code index} or, with {@code clear}, the clear of its document
   * there.
   */
  static BulkOp of(String index, FlaggedItem item, boolean clear) {
    byte[] op = clear ? Docs.bulkClear(index, item) : Docs.bulkUpdate(index, item, Instant.now());
    return new BulkOp(clear ? Kind.CLEAR : Kind.UPDATE, item, null, null, op);
  }

  /** The gone mark of {@code page}'s document in {@code index}. */
  static BulkOp gone(String index, GonePage page) {
    return new BulkOp(Kind.GONE, null, page, null, Docs.bulkGone(index, page));
  }

  /** The gone mark of {@code page} in the copies index, should it have been recorded as a copy. */
  static BulkOp copyGone(String copiesIndex, GonePage page) {
    return new BulkOp(Kind.COPY_GONE, null, page, null, Docs.bulkGone(copiesIndex, page));
  }

  /** The record of a verbatim copy in {@code copiesIndex}. */
  static BulkOp copy(String copiesIndex, CopiedPage page) {
    return new BulkOp(Kind.COPY, null, null, page, Docs.bulkCopy(copiesIndex, page));
  }

  /** The operations that count as items (a copy's gone mark rides along with its page's). */
  static long counted(List<BulkOp> ops) {
    return ops.stream().filter(e -> e.kind() != Kind.COPY_GONE).count();
  }

  String id() {
    return gone != null ? gone.documentId() : copy != null ? copy.documentId() : item.id();
  }

  String url() {
    return gone != null ? gone.canonicalUrl() : copy != null ? copy.url() : item.canonicalUrl();
  }

  byte[] spoolLine() {
    return gone != null
        ? Json.goneLine(gone)
        : copy != null ? Json.copyLine(copy) : Json.spoolLine(item, kind == Kind.CLEAR);
  }
}
