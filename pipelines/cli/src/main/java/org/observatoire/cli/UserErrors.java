package org.observatoire.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.observatoire.core.protocol.PackageException;
import picocli.CommandLine;

/**
 * How every command reports a failure: one line that names what to fix, and a documented exit code. A user error
 * (a missing file, a bad option value, an input folder without submissions, an unusable protocol package) exits with
 * {@link #USAGE}; anything else is an internal error ({@link #INTERNAL}). Stack traces only with {@code --debug}.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final String DEBUG = "--debug";

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean debug = parsed.originalArgs().contains(DEBUG);
    if (debug) {
      e.printStackTrace(err);
    }
    String name = cmd.getCommandSpec().qualifiedName();
    String userMessage = userMessage(e);
    if (userMessage != null) {
      err.println(name + ": " + userMessage);
      err.flush();
      return USAGE;
    }
    err.println(name + ": internal error: " + oneLine(e) + (debug ? "" : " (run again with --debug for the stack trace)"));
    err.flush();
    return INTERNAL;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return USAGE;
  }

  /** The message of a failure the user can fix, or null when the failure is the program's own. */
  static String userMessage(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      String inner = fileProblem(u.getCause());
      return inner != null ? u.getMessage() + " (" + inner + ")" : null;
    }
    String file = fileProblem(e);
    if (file != null) {
      return file;
    }
    if (e instanceof IllegalArgumentException || e instanceof PackageException) {
      return e.getMessage();
    }
    return null;
  }

  private static String fileProblem(Throwable e) {
    if (e instanceof NoSuchFileException f) {
      return f.getFile() + ": no such file or folder";
    }
    if (e instanceof AccessDeniedException f) {
      return f.getFile() + ": permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + ": already exists";
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + f.getReason();
    }
    return null;
  }

  /** The exception and its causes on one line: each distinct message once, innermost last. */
  static String oneLine(Throwable e) {
    StringBuilder sb = new StringBuilder();
    String previous = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
      if (previous != null && previous.contains(m)) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : ": caused by ").append(m);
      previous = m;
    }
    return sb.toString();
  }
}
