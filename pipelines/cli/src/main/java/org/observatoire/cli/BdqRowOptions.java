package org.observatoire.cli;

import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.interpret.BdqOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --bdq-tests} and {@code --bdq-param} of the jobs that curate rows (nightly, stream): docs/bdq.md. */
final class BdqRowOptions {
  @Option(names = "--bdq-tests", defaultValue = "core", paramLabel = "core|all",
      description = "TDWG BDQ tests on every curated row: core (the row validations) or all (every registered test:"
          + " validations, amendments, measures, issues). Default: ${DEFAULT-VALUE}.")
  String tests;

  @Option(names = "--bdq-param", paramLabel = "NAME=VALUE",
      description = "A BDQ parameter for every row (repeatable), e.g. earliestValidDate=1900-01-01; latestValidDate"
          + " defaults to the run's reference date, sourceAuthority to each test's bundled authority.")
  List<String> parameters = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The options, or a usage error naming the flag. */
  BdqOptions options() {
    try {
      return BdqOptions.parse(tests, parameters);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--bdq-tests / --bdq-param: " + e.getMessage());
    }
  }

  /** The job's options that carry them. */
  List<String> beamArguments() {
    BdqOptions o = options();
    List<String> args = new ArrayList<>();
    args.add("--bdqTests=" + o.testsName());
    o.parameterWords().forEach(p -> args.add("--bdqParameters=" + p));
    return args;
  }
}
