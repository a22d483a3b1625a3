package org.observatoire.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.observatoire.core.quality.bdq.BdqCsvRunner;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code observatoire bdq}: runs TDWG BDQ tests over a CSV of cases (one test label or GUID per row,
 * in a {@code test}, {@code bdq:test}, {@code Label} or {@code GUID} column; tdwg/bdq's
 * TG2_test_validation_data.csv is accepted as is) and writes the rows back with
 * Response.status, Response.result and Response.comment. Exit code 0 when every row ran and matched
 * its expected response (if the input has one), 1 otherwise, 2 on bad input.
 */
@Command(name = "bdq", mixinStandardHelpOptions = true,
        description = "Run TDWG BDQ (TG2) tests over a CSV of cases and write their responses.")
public final class BdqCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "CSV of cases (UTF-8).")
    Path input;

    @Option(names = "--output", required = true, description = "CSV to write: the input plus the responses.")
    Path output;

    @Option(names = "--latest-valid-date", required = true,
            description = "bdq:latestValidDate, the standard's \"current date\" (ISO date, e.g. 2026-11-23).")
    LocalDate latestValidDate;

    @Option(names = "--earliest-valid-date", description = "bdq:earliestValidDate (default: ${DEFAULT-VALUE}).",
            defaultValue = "1582-11-15")
    LocalDate earliestValidDate;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isReadable(input)) {
            err.println("bdq: cannot read " + input);
            return 2;
        }
        BdqParameters parameters = BdqParameters.defaults(latestValidDate).withEarliestValidDate(earliestValidDate);
        BdqCsvRunner runner = new BdqCsvRunner(BdqRegistry.standard(parameters));
        BdqCsvRunner.Summary s;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            s = runner.run(in, out);
        } catch (IllegalArgumentException e) {
            err.println("bdq: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().printf("bdq: %d rows, %d run, %d unknown test, %d matched expected, %d mismatched%n",
                s.rows(), s.run(), s.unknownTest(), s.matchedExpected(), s.mismatchedExpected());
        return s.unknownTest() == 0 && s.mismatchedExpected() == 0 ? 0 : 1;
    }
}
