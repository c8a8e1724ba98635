package dev.kls.diagnostics;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One check. Implementations are small classes annotated
 * {@code @AutoService(Rule.class)}, found by {@link java.util.ServiceLoader}; each
 * has a page docs/rules/ID.md and tests. A rule is stateless and may run on any
 * thread; it reads everything through its {@link RuleContext} and returns its
 * findings (the engine applies settings, suppressions and baselines).
 */
public interface Rule {

    /** Stable kebab-case id: the LSP diagnostic code, the SARIF ruleId and the suppression name. */
    String id();

    /** One line saying what it finds (SARIF shortDescription, lists of rules). */
    String summary();

    /** The severity it reports at unless the workspace settings say otherwise. */
    Severity defaultSeverity();

    /** What it reads; it is not run when the workspace lacks one of them. */
    Set<Input> inputs();

    /**
     * Checks the workspace. May throw; the engine turns an exception into an
     * internal-error finding and keeps every other rule's findings. A long
     * rule should look at {@link RuleContext#checkCancelled()} now and then.
     */
    List<Finding> check(RuleContext context) throws Exception;

    /**
     * Whether each finding depends only on its own file (and what that file includes), not on the other files
     * checked: then a sweep re-checks a finding on a configuration by running the rule on the findings' files
     * alone. A rule over the whole project (a call graph's cycles, an index of every file) keeps the default.
     */
    default boolean findingsPerFile() {
        return false;
    }

    /**
     * The options the rule takes in the workspace settings (name to default
     * value, each a list of strings), read with {@link RuleContext#option}.
     */
    default Map<String, List<String>> options() {
        return Map.of();
    }

    /** The rule's page (Markdown), for SARIF help and hovers; built-in rules have docs/rules/ID.md. */
    default String documentation() {
        return RuleDocs.markdown(id());
    }

    /** Where the page lives, for links: a repository path. */
    default String documentationPath() {
        return RuleDocs.path(id());
    }
}
