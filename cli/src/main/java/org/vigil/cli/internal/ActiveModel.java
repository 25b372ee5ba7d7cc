package org.vigil.cli.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.classifier.ExtremismCategorizer;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.ModelRegistry;
import org.vigil.cli.schedule.SourcesProvider;

/**
 * The model a {@link Pipeline} classifies with. One-shot commands ({@code crawl}, {@code demo}) use
 * a {@link #fixed} one. {@code vigil schedule} runs for weeks, so its model {@link #follows} what
 * the operator chose: before each run, {@link #refresh()} compares a cheap stamp of the wanted
 * model (the registry's active version and its file's mtime and size, or those of the {@code
 * --model} file) with the stamp of the model in use, and loads the new model only when the stamp
 * changed. A model that cannot be loaded never stops the scheduler: the one in use is kept, one
 * WARN line names the file and the cause, and every run until the stamp changes again reports it
 * (the same broken file is not loaded again on every run).
 */
public final class ActiveModel {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveModel.class);
  private static final String DEFAULT_STAMP = "default";

  private final Path home;
  private final Path modelFile;
  private ExtremismCategorizer inUse;
  private String inUseStamp;
  private String failedStamp;
  private String problem = "";

  /**
   * What the next run classifies with.
   *
   * @param categorizer the model in use
   * @param problem why it is not the model the operator chose (one line), or an empty string
   */
  public record Use(ExtremismCategorizer categorizer, String problem) {
    public Use {
      Objects.requireNonNull(categorizer, "categorizer");
      problem = problem == null ? "" : problem;
    }
  }

  private ActiveModel(Path home, Path modelFile, ExtremismCategorizer inUse, String inUseStamp) {
    this.home = home;
    this.modelFile = modelFile;
    this.inUse = inUse;
    this.inUseStamp = inUseStamp;
  }

  /** Always {@code categorizer}: {@link #refresh()} checks nothing. */
  public static ActiveModel fixed(ExtremismCategorizer categorizer) {
    return new ActiveModel(null, null, Objects.requireNonNull(categorizer, "categorizer"), null);
  }

  /**
   * The model of {@code modelFile} when given, else the registry's active model under {@code home},
   * else the default model, loaded now (failures as in {@link Models#categorizer}) and again by
   * {@link #refresh()} whenever that choice changes.
   */
  public static ActiveModel follows(Path home, Path modelFile) {
    Objects.requireNonNull(home, "home");
    // The stamp is taken before loading: a promotion in between only causes one extra reload.
    String stamp = stampOrNull(home, modelFile);
    return new ActiveModel(home, modelFile, Models.categorizer(home, modelFile), stamp);
  }

  /** The model in use now. */
  public synchronized ExtremismCategorizer categorizer() {
    return inUse;
  }

  /**
   * Loads the wanted model if it changed since the last call, and returns what to classify with.
   * Thread-safe; concurrent callers wait for one load.
   */
  public synchronized Use refresh() {
    if (home == null) {
      return new Use(inUse, "");
    }
    Wanted wanted;
    try {
      wanted = wanted(home, modelFile);
    } catch (ModelException e) {
      String cause = oneLine(e.getMessage());
      return failed(cause, "unreadable:" + cause);
    }
    if (wanted.stamp().equals(inUseStamp)) {
      problem = "";
    } else if (!wanted.stamp().equals(failedStamp)) {
      load(wanted);
    }
    return new Use(inUse, problem);
  }

  private void load(Wanted wanted) {
    Path file = wanted.file();
    try {
      ExtremismCategorizer loaded =
          file == null ? ExtremismCategorizer.loadDefault() : ExtremismCategorizer.load(file);
      // A file rewritten with the same model (or a broken one repaired) is no change.
      if (!loaded.modelVersion().equals(inUse.modelVersion())) {
        LOG.info(
            "model changed: {} -> {} ({}); the next crawl of each source classifies every page"
                + " again",
            inUse.modelVersion(),
            loaded.modelVersion(),
            file == null ? "default model" : file);
        inUse = loaded;
      }
      inUseStamp = wanted.stamp();
      failedStamp = null;
      problem = "";
    } catch (ModelException e) {
      failed(oneLine(e.getMessage()), wanted.stamp()); // the message starts with the file
    } catch (RuntimeException e) {
      failed(file + ": " + oneLine(e.toString()), wanted.stamp());
    }
  }

  /**
   * Keeps the model in use and warns once per stamp; the problem goes into the summary of every run
   * until the wanted model changes again.
   */
  private Use failed(String cause, String stamp) {
    if (!stamp.equals(failedStamp)) {
      LOG.warn("cannot load model {}; still classifying with {}", cause, inUse.modelVersion());
    }
    failedStamp = stamp;
    problem = "model not loaded, kept " + inUse.modelVersion() + ": " + cause;
    return new Use(inUse, problem);
  }

  /**
   * The model the operator chose.
   *
   * @param stamp changes whenever the choice or its file changes
   * @param file the model file, or {@code null} for the default model
   */
  private record Wanted(String stamp, Path file) {}

  private static String stampOrNull(Path home, Path modelFile) {
    try {
      return wanted(home, modelFile).stamp();
    } catch (ModelException e) {
      return null; // loading reports the problem
    }
  }

  /** The wanted model: the registry's active version plus its file's mtime and size. Cheap. */
  private static Wanted wanted(Path home, Path modelFile) throws ModelException {
    if (modelFile != null) {
      return new Wanted("file:" + SourcesProvider.fileFingerprint(modelFile), modelFile);
    }
    Optional<ModelRegistry.Entry> active = Models.registry(home).active();
    if (active.isEmpty()) {
      return new Wanted(DEFAULT_STAMP, null);
    }
    Path file = active.get().modelFile();
    return new Wanted(active.get().id() + ":" + SourcesProvider.fileFingerprint(file), file);
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ");
  }
}
