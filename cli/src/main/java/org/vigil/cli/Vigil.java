package org.vigil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.vigil.cli.commands.ClassifyCommand;
import org.vigil.cli.commands.CompletionCommand;
import org.vigil.cli.commands.CrawlCommand;
import org.vigil.cli.commands.DemoCommand;
import org.vigil.cli.commands.EsCommand;
import org.vigil.cli.commands.EvaluateCommand;
import org.vigil.cli.commands.ExtractCommand;
import org.vigil.cli.commands.IndexCommand;
import org.vigil.cli.commands.ModelCommand;
import org.vigil.cli.commands.ReplayCommand;
import org.vigil.cli.commands.ReportCommand;
import org.vigil.cli.commands.ReviewCommand;
import org.vigil.cli.commands.RunsCommand;
import org.vigil.cli.commands.ScheduleCommand;
import org.vigil.cli.commands.SearchCommand;
import org.vigil.cli.commands.SimilarCommand;
import org.vigil.cli.commands.SourcesCommand;
import org.vigil.cli.commands.SpreadCommand;
import org.vigil.cli.commands.StatusCommand;
import org.vigil.cli.commands.TrainCommand;
import org.vigil.cli.commands.WithoutElasticsearch;
import org.vigil.cli.internal.HelpExamples;
import org.vigil.cli.internal.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code vigil} command line: crawl, classify and index, schedule, review and retrain.
 *
 * <p>Every command writes through picocli's {@code getOut()}/{@code getErr()} writers, so tests run
 * commands in-process with {@link #commandLine(PrintWriter, PrintWriter)}. {@link #main} only maps
 * the result to the process exit code.
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    version = "vigil 0.1.0",
    description = "Crawl public web sources, flag extremist recruitment and propaganda, index it.",
    footer = ExitCodes.HELP_FOOTER,
    subcommands = {
      CrawlCommand.class,
      ScheduleCommand.class,
      SourcesCommand.class,
      RunsCommand.class,
      StatusCommand.class,
      ClassifyCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ModelCommand.class,
      ExtractCommand.class,
      SearchCommand.class,
      SpreadCommand.class,
      SimilarCommand.class,
      ReportCommand.class,
      ReviewCommand.class,
      IndexCommand.class,
      ReplayCommand.class,
      EsCommand.class,
      DemoCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Vigil implements Runnable {
  private final Map<String, String> env;
  private final Clock clock;
  private String esUrl;
  private java.io.InputStream stdin = System.in;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A root command reading the real environment. */
  public Vigil() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** A root command with the given environment (tests pass their own {@code VIGIL_*}). */
  public Vigil(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // Inherited by every command but those marked WithoutElasticsearch (see withoutEsOption).
  @Option(
      names = "--es",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "Elasticsearch URL (default: $VIGIL_ES_URL, else the embedded Elasticsearch)."
              + " Credentials come from VIGIL_ES_API_KEY / VIGIL_ES_USER / VIGIL_ES_PASSWORD /"
              + " VIGIL_ES_CA_CERT.")
  void setEsUrl(String url) {
    this.esUrl = url;
  }

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "Log format on stderr: text (default, or $VIGIL_LOG_FORMAT) or json.")
  void setLogFormat(String format) {
    if (!Logging.isFormat(format)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--log-format must be text or json, was '" + format + "'");
    }
    Logging.configure(format);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The environment variables this run sees. */
  public Map<String, String> env() {
    return env;
  }

  /** Standard input (tests set their own with {@link #withStdin}). */
  public java.io.InputStream stdin() {
    return stdin;
  }

  /** Uses {@code in} as standard input. */
  public Vigil withStdin(java.io.InputStream in) {
    this.stdin = Objects.requireNonNull(in, "in");
    return this;
  }

  /** The clock this run uses. */
  public Clock clock() {
    return clock;
  }

  /** The {@code --es} URL, else {@code VIGIL_ES_URL}, else {@code null} (use the embedded one). */
  public String esUrl() {
    if (esUrl != null && !esUrl.isBlank()) {
      return esUrl;
    }
    String fromEnv = env.get("VIGIL_ES_URL");
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
  }

  /** {@code VIGIL_HOME}, default {@code ~/.vigil}. */
  public Path home() {
    String home = env.get("VIGIL_HOME");
    return home == null || home.isBlank()
        ? Path.of(System.getProperty("user.home"), ".vigil")
        : Path.of(home);
  }

  /** A command line for this root writing to the given writers. */
  public CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(this);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Vigil::handleException);
    cli.setParameterExceptionHandler(Vigil::handleUsageError);
    cli.setExecutionStrategy(this::executeChecked);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    HelpExamples.addTo(cli);
    withoutEsOption(cli);
    return cli;
  }

  /**
   * Removes the inherited {@code --es} from the commands that never use Elasticsearch (and from
   * picocli's {@code help}), so their help does not offer it and giving it is a usage error.
   */
  private static void withoutEsOption(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      Object command = sub.getCommandSpec().userObject();
      CommandLine.Model.OptionSpec es = sub.getCommandSpec().findOption("--es");
      if (es != null
          && (command instanceof WithoutElasticsearch
              || command instanceof CommandLine.HelpCommand)) {
        sub.getCommandSpec().remove(es);
      }
      withoutEsOption(sub);
    }
  }

  /**
   * Runs the parsed command after the checks picocli skips when help is asked for: {@code vigil
   * frobnicate --help} names the unknown command instead of printing the top-level help. Also
   * applies {@code VIGIL_LOG_FORMAT}, which must be valid like {@code --log-format}.
   */
  private int executeChecked(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(
            p.commandSpec().commandLine(), p.unmatched());
      }
    }
    if (!parsed.hasMatchedOption("--log-format")) {
      String fromEnv = env.get("VIGIL_LOG_FORMAT");
      if (fromEnv != null && !fromEnv.isBlank()) {
        if (!Logging.isFormat(fromEnv)) {
          throw new CommandLine.ParameterException(
              parsed.commandSpec().commandLine(),
              "VIGIL_LOG_FORMAT must be text or json, was '" + fromEnv + "'");
        }
        Logging.configure(fromEnv);
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * A usage error: one line naming the command and what is wrong, then where the help is, exit 2.
   */
  private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String command = cli.getCommandSpec().qualifiedName();
    String message = oneLine(e);
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !cli.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    cli.getErr().println(command + ": " + message);
    cli.getErr().println("see '" + command + " --help'");
    cli.getErr().flush();
    return ExitCodes.USAGE;
  }

  /** Runs {@code vigil args} in-process with the given writers and returns the exit code. */
  public int execute(PrintWriter out, PrintWriter err, String... args) {
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int handleException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    // The whole command, e.g. "vigil model promote", so the line says which command failed.
    String command = cli.getCommandSpec().qualifiedName();
    if (e instanceof CliException ce) {
      cli.getErr().println(command + ": " + ce.getMessage());
      if (ce instanceof CliException.BadArguments) {
        cli.getErr().println("see '" + command + " --help'");
      }
      cli.getErr().flush();
      return ce.exitCode();
    }
    org.slf4j.LoggerFactory.getLogger(Vigil.class).debug("command failed", e);
    cli.getErr().println(command + ": " + oneLine(e));
    cli.getErr().flush();
    return ExitCodes.FAILED;
  }

  /** A one-line description of an exception: its message, else its type. */
  public static String oneLine(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return text.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    Logging.configureFromEnvironment();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(new Vigil().execute(out, err, args));
  }
}
