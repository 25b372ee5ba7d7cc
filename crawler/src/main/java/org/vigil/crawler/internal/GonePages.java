package org.vigil.crawler.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.vigil.model.GonePage;
import org.vigil.model.PageSink;

/**
 * The known pages that answered 404/410 in a run: collected while it runs, and settled (handed to
 * the sink as gone, or only recorded as gone URLs) once the run is complete, when every page of the
 * run is in the crawl state. A run that stops early settles none: the next run fetches them again.
 */
final class GonePages {
  private final String sourceId;
  private final StateStore store;
  private final PageSink sink;
  private final Consumer<StateStore.Op> pending;
  private final Failures failures;
  private final Consumer<Task> done;
  private final List<Candidate> candidates = Collections.synchronizedList(new ArrayList<>());

  /** Where a failure to settle a page is reported (never a policy skip). */
  @FunctionalInterface
  interface Failures {
    void fail(String url, String stage, String cause, String detail);
  }

  /** A known page that answered 404/410 in this run, settled when the run is complete. */
  private record Candidate(Task task, GonePage page) {}

  GonePages(
      String sourceId,
      StateStore store,
      PageSink sink,
      Consumer<StateStore.Op> pending,
      Failures failures,
      Consumer<Task> done) {
    this.sourceId = sourceId;
    this.store = store;
    this.sink = sink;
    this.pending = pending;
    this.failures = failures;
    this.done = done;
  }

  /**
   * Takes a task whose URL answered {@code status} as a candidate when it is a page whose earlier
   * content was handed on and that now answers gone (404, 410); {@code false} otherwise. A
   * candidate's task is done once settled at the end of the run ({@link #settle}).
   */
  boolean offer(Task task, int status, StateStore.Previous previous) {
    if (task.kind() != Task.Kind.PAGE
        || !GonePage.isGone(status)
        || previous == null
        || !previous.hasContent()) {
      return false;
    }
    // Its document is under the key its content was handed on under (a canonical URL may
    // differ from this one); unknown in a state from before keys: this URL, as then.
    String url = task.url();
    String docKey = previous.docKey() == null ? url : previous.docKey();
    candidates.add(new Candidate(task, new GonePage(sourceId, url, docKey, Instant.now(), status)));
    return true;
  }

  /**
   * Settles the known pages that answered 404/410 in this run ({@code generation}), once every page
   * of the run is in the crawl state. A page's document is marked gone unless another URL whose
   * content has the same document key (another URL of the same canonical page) served it in this
   * run: then it is still there, and only the URL is recorded as gone. Each document is marked
   * once.
   */
  void settle(long generation) {
    List<Candidate> settling;
    synchronized (candidates) {
      settling = new ArrayList<>(candidates);
      candidates.clear();
    }
    Set<String> marked = new HashSet<>();
    for (Candidate candidate : settling) {
      GonePage page = candidate.page();
      String docKey = page.canonicalUrl();
      boolean stillServed;
      try {
        stillServed = store.servedElsewhere(docKey, page.url(), generation);
      } catch (IOException e) {
        failures.fail(page.url(), "crawl", "internal", oneLine(e));
        continue; // not done: the next run fetches it again
      }
      if (stillServed || !marked.add(docKey)) {
        pending.accept(new StateStore.Gone(page.url(), null));
      } else {
        gone(page);
      }
      done.accept(candidate.task());
    }
  }

  /**
   * Hands a known page that now answers 404/410 to the sink. Once the sink took it, the crawl state
   * records the URL (and every other URL of its document) as gone at the same checkpoint as done
   * (see {@link StateStore.Gone}); when the sink fails, the hash is kept and the next crawl tries
   * again.
   */
  private void gone(GonePage page) {
    try {
      sink.gone(page);
      pending.accept(new StateStore.Gone(page.url(), page.canonicalUrl()));
    } catch (Exception e) {
      failures.fail(
          page.url(), "sink", e.getClass().getSimpleName(), page.url() + ": " + oneLine(e));
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ");
  }
}
