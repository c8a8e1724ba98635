package dev.kls.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one engine run.
 *
 * @param findings   what to report, sorted by file, line, column, rule
 * @param suppressed findings silenced by kls-ignore comments
 * @param rules      the rules that ran, by id
 * @param skipped    rules that did not run and why (disabled, an input missing)
 * @param timings    how long each rule that ran took
 */
public record Report(List<Finding> findings, List<Finding> suppressed, List<Rule> rules, Map<String, String> skipped,
        Map<String, Duration> timings) {

    public Report {
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
        rules = List.copyOf(rules);
        skipped = Map.copyOf(skipped);
        timings = Map.copyOf(timings);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
