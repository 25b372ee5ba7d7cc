package org.vigil.cli.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How the scheduler waits. The real one waits on a monitor (so {@link #wake()} cuts a wait short);
 * tests use one that advances a fake clock instead.
 */
public interface Sleeper {
  /** Waits until {@code instant} on the scheduler's clock, or until {@link #wake()}. */
  void sleepUntil(Instant instant) throws InterruptedException;

  /** Ends the current (or next) wait early: something changed. */
  void wake();

  /** A sleeper that really waits, measuring against {@code clock}. */
  static Sleeper real(Clock clock) {
    return new Sleeper() {
      private boolean woken;

      @Override
      public synchronized void sleepUntil(Instant instant) throws InterruptedException {
        while (!woken) {
          long ms = Duration.between(clock.instant(), instant).toMillis();
          if (ms <= 0) {
            break;
          }
          wait(ms);
        }
        woken = false;
      }

      @Override
      public synchronized void wake() {
        woken = true;
        notifyAll();
      }
    };
  }
}
