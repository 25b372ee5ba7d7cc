package org.vigil.cli.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * POSIX signal handling: SIGTERM/SIGINT become a graceful stop instead of an abrupt JVM exit (so a
 * scheduler can checkpoint and exit 0), SIGHUP a config reload. Closing restores the previous
 * handlers.
 */
public final class Signals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Signals() {}

  /** Runs {@code onStop} on SIGTERM or SIGINT, and {@code onReload} (may be null) on SIGHUP. */
  public static Signals install(Runnable onStop, Runnable onReload) {
    Signals s = new Signals();
    s.handle("TERM", onStop);
    s.handle("INT", onStop);
    if (onReload != null) {
      s.handle("HUP", onReload);
    }
    return s;
  }

  private void handle(String name, Runnable action) {
    try {
      Signal signal = new Signal(name);
      SignalHandler old =
          Signal.handle(
              signal,
              sig -> {
                LOG.info("received SIG{}", name);
                action.run();
              });
      signals.add(signal);
      previous.add(old);
    } catch (IllegalArgumentException e) {
      LOG.debug("cannot handle SIG{} on this platform: {}", name, e.getMessage());
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      try {
        Signal.handle(signals.get(i), previous.get(i));
      } catch (IllegalArgumentException e) {
        LOG.debug("cannot restore SIG{}: {}", signals.get(i).getName(), e.getMessage());
      }
    }
  }
}
