package org.observatoire.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.observatoire.core.quality.bdq.BdqCsvRunner;
import org.observatoire.core.quality.bdq.BdqDocs;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code observatoire bdq}: runs TDWG BDQ tests over a CSV of cases (one test label or GUID per row, in a
 * {@code GUID}, {@code Label}, {@code test} or {@code bdq:test} column; tdwg/bdq's TG2_test_validation_data.csv is
 * accepted as is) and writes the rows back with Response.status, Response.result and Response.comment. A test that is
 * not implemented gets no response; stderr lists them. Exit code 0 when every answered row matched its expected
 * response (if the input has one), 1 otherwise, 2 on bad input.
 */
@Command(name = "bdq", mixinStandardHelpOptions = true,
        description = "Run TDWG BDQ (TG2) tests over a CSV of cases and write their responses.")
public final class BdqCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", description = "CSV of cases (UTF-8).")
    Path input;

    @Option(names = "--output", description = "CSV to write: the input plus the responses.")
    Path output;

    @Option(names = "--latest-valid-date",
            description = "bdqval:latestValidDate (ISO date; default: today, UTC, the standard's \"current date\").")
    LocalDate latestValidDate;

    @Option(names = "--earliest-valid-date", description = "bdqval:earliestValidDate (default: ${DEFAULT-VALUE}).",
            defaultValue = "1582-11-15")
    LocalDate earliestValidDate;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter of the standard for every row that has no value for it, e.g. "
                    + "bdqval:sourceAuthority=TAXREF or bdqval:assumptionOnUnknownBiome=nonmarine (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--list-tests", description = "Print the tests of the standard (docs/bdq-tests.md) and exit.")
    boolean listTests;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> run = new LinkedHashMap<>();
        parameters.forEach((k, v) -> run.put("bdqval:" + k.replaceFirst("^(bdqval|bdq):", ""), v));
        BdqParameters p;
        try {
            LocalDate latest = run.containsKey("bdqval:latestValidDate")
                    ? LocalDate.parse(run.get("bdqval:latestValidDate"))
                    : latestValidDate != null ? latestValidDate : LocalDate.now(ZoneOffset.UTC);
            LocalDate earliest = run.containsKey("bdqval:earliestValidDate")
                    ? LocalDate.parse(run.get("bdqval:earliestValidDate")) : earliestValidDate;
            p = BdqParameters.defaults(latest).withEarliestValidDate(earliest);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            err.println("bdq: --param bdqval:latestValidDate / bdqval:earliestValidDate: " + e.getMessage());
            return 2;
        }
        BdqRegistry registry = BdqRegistry.standard(p);
        if (listTests) {
            out.print(BdqDocs.markdown(registry));
            out.flush();
            return 0;
        }
        if (input == null || output == null) {
            err.println("bdq: --input and --output are required (or --list-tests)");
            return 2;
        }
        if (!Files.isReadable(input)) {
            err.println("bdq: cannot read --input " + input);
            return 2;
        }
        BdqCsvRunner.Summary s;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            s = new BdqCsvRunner(registry, run).run(in, w);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
            err.println("bdq: --input " + input + ": " + e.getMessage().lines().findFirst().orElse(""));
            return 2;
        }
        out.printf("bdq: %d rows, %d answered by %d tests, %d skipped; expected responses: %d agree, %d disagree%n",
                s.rows(), s.answered(), s.perTest().size(), s.skippedRows(), s.agreeing(), s.disagreements().size());
        if (!s.skipped().isEmpty()) {
            err.printf("bdq: skipped %d tests (%d rows), not implemented or unknown: %s%n", s.skipped().size(),
                    s.skippedRows(), s.skipped().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining(", ")));
        }
        out.flush();
        err.flush();
        return s.disagreements().isEmpty() ? 0 : 1;
    }
}
