package org.vigil.crawler.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory frontier: one FIFO queue per host and a next-allowed time per host, shared by all
 * fetch threads. {@link #take()} hands out a URL only when its host is idle and its politeness gap
 * has passed, so at most one request per host is in flight and the gap holds across threads. A
 * redirect to another host (of a page or of a robots.txt) moves the worker's hold from one host to
 * the other ({@link #switchHost}), so the gap holds for every hop too.
 */
public final class Frontier {
  /**
   * A URL handed to a worker, with its host; give the host back with {@link #release}, then call
   * {@link #complete()} when the task is fully processed.
   */
  public record Lease(Task task, String host) {}

  private static final class Host {
    final String name;
    final ArrayDeque<Task> queue = new ArrayDeque<>();
    long nextAllowedNanos;
    long gapMs;
    boolean busy;
    boolean ready;

    Host(String name, long gapMs) {
      this.name = name;
      this.gapMs = gapMs;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Host> hosts = new HashMap<>();
  private final PriorityQueue<Host> ready =
      new PriorityQueue<>((a, b) -> Long.compare(a.nextAllowedNanos, b.nextAllowedNanos));
  private final long politenessMs;
  private int size;
  private int inFlight;
  private boolean closed;

  public Frontier(long politenessMs) {
    this.politenessMs = politenessMs;
  }

  /** Queues a task (at the back of its host's queue, or the front for a retry). */
  public void add(Task task, String host, boolean front) {
    lock.lock();
    try {
      Host h = hosts.computeIfAbsent(host, n -> new Host(n, politenessMs));
      if (front) {
        h.queue.addFirst(task);
      } else {
        h.queue.addLast(task);
      }
      size++;
      schedule(h);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next task whose host may be contacted now; blocks until there is one. Returns {@code null}
   * when the frontier is empty with nothing in flight (the crawl is over) or it was closed.
   */
  public Lease take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return null;
        }
        Host h = ready.peek();
        if (h == null) {
          if (inFlight == 0) {
            closed = true; // nothing queued, nothing that could add more
            changed.signalAll();
            return null;
          }
          changed.await();
          continue;
        }
        long wait = h.nextAllowedNanos - System.nanoTime();
        if (wait > 0) {
          changed.awaitNanos(wait);
          continue;
        }
        ready.poll();
        h.ready = false;
        h.busy = true;
        Task task = h.queue.pollFirst();
        size--;
        inFlight++;
        return new Lease(task, h.name);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a host after its request: it may be contacted again after {@code max(gap, delayMs)}.
   *
   * @param delayMs an extra delay for this host (Retry-After, backoff), or 0
   */
  public void release(Lease lease, long delayMs) {
    release(lease.host(), delayMs);
  }

  /** Returns a host held by a worker (its lease's, or one {@link #switchHost} moved it to). */
  public void release(String host, long delayMs) {
    lock.lock();
    try {
      releaseLocked(host, delayMs);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * For a redirect hop from one host to another (a page's, or its robots.txt's): returns {@code
   * from} (its gap starts now, as after any request) and blocks until {@code to} is idle and past
   * its gap, then holds it for the hop. Only one host is held at a time, so two workers redirected
   * towards each other's host cannot deadlock. Release the host held last with {@link
   * #release(String, long)}.
   *
   * @throws InterruptedException when interrupted while waiting; {@code from} is released then, and
   *     {@code to} is not held
   */
  public void switchHost(String from, String to) throws InterruptedException {
    lock.lock();
    try {
      releaseLocked(from, 0);
      changed.signalAll();
      acquireLocked(to);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Gives a held host back without a request having been made (its next-allowed time stays), for a
   * worker that is about to wait for something other than a host; take it back with {@link
   * #acquire}. A worker waiting holds no host, so it cannot block one that the awaited work needs.
   */
  public void lend(String host) {
    lock.lock();
    try {
      Host h = hosts.get(host);
      h.busy = false;
      schedule(h);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until {@code host} is idle and past its gap, then holds it.
   *
   * @throws InterruptedException when interrupted while waiting; the host is not held then
   */
  public void acquire(String host) throws InterruptedException {
    lock.lock();
    try {
      acquireLocked(host);
    } finally {
      lock.unlock();
    }
  }

  /**
   * For a second request to a host the worker holds (a redirect hop to the same host, the page
   * after its robots.txt): waits for the host's politeness gap, counted from now (the end of the
   * previous response), while still holding it.
   *
   * @throws InterruptedException when interrupted while waiting; the host is still held
   */
  public void awaitGap(String host) throws InterruptedException {
    long gapMs;
    lock.lock();
    try {
      Host h = hosts.get(host);
      gapMs = h == null ? politenessMs : h.gapMs;
    } finally {
      lock.unlock();
    }
    if (gapMs > 0) {
      Thread.sleep(gapMs);
    }
  }

  private void acquireLocked(String host) throws InterruptedException {
    Host h = hosts.computeIfAbsent(host, n -> new Host(n, politenessMs));
    while (true) {
      if (h.busy) {
        changed.await();
        continue;
      }
      long wait = h.nextAllowedNanos - System.nanoTime();
      if (wait <= 0) {
        break;
      }
      changed.awaitNanos(wait);
    }
    if (h.ready) {
      ready.remove(h); // no worker may take one of its queued URLs while it is held
      h.ready = false;
    }
    h.busy = true;
  }

  private void releaseLocked(String host, long delayMs) {
    Host h = hosts.get(host);
    h.busy = false;
    long gap = Math.max(h.gapMs, delayMs);
    h.nextAllowedNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(gap);
    schedule(h);
  }

  /**
   * Marks a taken task as fully processed. Until every taken task is complete the frontier is not
   * over, because processing may still queue new URLs.
   */
  public void complete() {
    lock.lock();
    try {
      inFlight--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Raises the politeness gap of a host (robots.txt Crawl-delay); never lowers it. */
  public void raiseGap(String host, long gapMs) {
    lock.lock();
    try {
      Host h = hosts.computeIfAbsent(host, n -> new Host(n, politenessMs));
      h.gapMs = Math.max(h.gapMs, gapMs);
    } finally {
      lock.unlock();
    }
  }

  /** Makes every {@link #take()} return {@code null}: no new URLs are handed out. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** URLs waiting (not in flight). */
  public int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  private void schedule(Host h) {
    if (!h.busy && !h.ready && !h.queue.isEmpty()) {
      h.ready = true;
      ready.add(h);
    }
  }
}
