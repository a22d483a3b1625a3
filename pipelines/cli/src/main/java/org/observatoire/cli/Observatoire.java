package org.observatoire.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code observatoire} command: one subcommand per job or tool. */
@Command(
    name = "observatoire",
    mixinStandardHelpOptions = true,
    version = "observatoire 0.1.0",
    description = "Volunteers' biodiversity observations turned into curated, trend-ready datasets.",
    exitCodeListHeading = "%nExit codes (every command; some add their own, listed in their --help):%n",
    exitCodeList = {
        " 0:done",
        " 1:internal error (one line; the stack trace with --debug)",
        " 2:user error: a bad option, a missing or unreadable file or folder (one line names it)"},
    subcommands = {
        NightlyCommand.class,
        ValidateCommand.class,
        GenerateCommand.class,
        ImportCommand.class,
        ProtocolCommand.class,
        LocateCommand.class,
        BdqCommand.class,
        BrokerCommand.class,
        IntakeCommand.class,
        StreamCommand.class,
        CompactCommand.class,
        QueryCommand.class,
        ExportDwcaCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Observatoire implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = UserErrors.DEBUG, scope = CommandLine.ScopeType.INHERIT,
      description = "On a failure, print the stack trace too.")
  boolean debug;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, for tests and for embedding; {@code extraSubcommands} (picocli commands) join the product's,
   * with the same error handling (the benchmark harness adds {@code bench} and {@code bench-stream} this way).
   */
  public static CommandLine commandLine(Object... extraSubcommands) {
    CommandLine line = new CommandLine(new Observatoire());
    for (Object sub : extraSubcommands) {
      line.addSubcommand(sub);
    }
    UserErrors errors = new UserErrors();
    return line.setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
