package dev.kls.diagnostics.report;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Rule;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows about one lint run.
 *
 * @param srctree      the tree as the user named it (for display)
 * @param srctreeUri   the tree's absolute file: URI, ending in '/' (SARIF's SRCROOT)
 * @param arch         ARCH as given
 * @param srcarch      the arch/ folder it maps to
 * @param config       the .config looked at, or null
 * @param rules        every rule known to this kls (not only those that ran)
 * @param findings     the findings to report, in order
 * @param fingerprints the content fingerprint of each finding, same order
 * @param suppressed   how many were silenced by kls-ignore comments
 * @param baselined    how many were left out because the baseline knows them
 * @param skipped      rules that did not run, and why
 */
public record LintResult(String srctree, String srctreeUri, String arch, String srcarch, String config,
        List<Rule> rules, List<Finding> findings, List<String> fingerprints, int suppressed, int baselined,
        Map<String, String> skipped) {

    public LintResult {
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        fingerprints = List.copyOf(fingerprints);
        skipped = Map.copyOf(skipped);
        if (fingerprints.size() != findings.size()) {
            throw new IllegalArgumentException("one fingerprint per finding");
        }
    }
}
