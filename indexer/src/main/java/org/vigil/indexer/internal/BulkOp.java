package org.vigil.indexer.internal;

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

  static BulkOp of(FlaggedItem item, boolean clear, byte[] op) {
    return new BulkOp(clear ? Kind.CLEAR : Kind.UPDATE, item, null, null, op);
  }

  static BulkOp gone(GonePage page, byte[] op) {
    return new BulkOp(Kind.GONE, null, page, null, op);
  }

  static BulkOp copyGone(GonePage page, byte[] op) {
    return new BulkOp(Kind.COPY_GONE, null, page, null, op);
  }

  static BulkOp copy(CopiedPage page, byte[] op) {
    return new BulkOp(Kind.COPY, null, null, page, op);
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
