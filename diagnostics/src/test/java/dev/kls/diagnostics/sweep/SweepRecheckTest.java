package dev.kls.diagnostics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.diagnostics.CheckedTree;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.FakeRule;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.semantics.Formula;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finding whose condition is not exact is decided by re-running its rule on
 * the configuration: a per-file rule on the findings' files only, any other
 * rule on the whole scope, with the same outcomes either way.
 */
class SweepRecheckTest {

    /**
     * Without a configuration: one inexact finding in drivers/a.c (condition A, plus an opaque C part). With one:
     * the finding where A=y and B=y, and the scope it was run with recorded in {@code scopes}.
     */
    static Function<RuleContext, List<Finding>> probe(String id, List<List<String>> scopes) {
        return context -> {
            SourceRange at = new SourceRange("drivers/a.c", 1, 1, 1, 4);
            var config = context.configuration();
            if (config.isEmpty()) {
                Condition c = Condition.partial(Formula.and(new Formula.Sym("A"), new Formula.Opaque("c: B")));
                return List.of(new Finding(id, Severity.WARNING, at, "probe", c, List.of(), List.of(), List.of()));
            }
            scopes.add(context.workspace().scope());
            Map<String, String> v = dev.kls.diagnostics.EvaluatedConfig.writtenValues(config.get().result());
            return "y".equals(v.get("A")) && "y".equals(v.get("B"))
                    ? List.of(Finding.of(id, Severity.WARNING, at, "probe")) : List.of();
        };
    }

    @Test
    void aPerFileRuleIsRerunOnItsFindingsFilesAndAnyOtherOnTheWholeScope(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\nconfig A\n\tbool \"a\"\nconfig B\n\tbool \"b\"\n",
                "drivers/a.c", "int a;\n", "mm/b.c", "int b;\n");
        Kconfig k = t.kconfig();
        List<List<String>> perFileScopes = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> wholeScopes = Collections.synchronizedList(new ArrayList<>());
        Rule perFile = new FakeRule("per-file", probe("per-file", perFileScopes), true);
        Rule whole = new FakeRule("whole", probe("whole", wholeScopes));
        List<String> scope = List.of("drivers", "mm");
        CheckedTree base = new CheckedTree(dir, k, null, scope, Map.of());
        Sweep sweep = new Sweep(List.of(perFile, whole), RuleSettings.none(),
                new RuleEngine.Options(Duration.ofMinutes(1), 1), Map.of());
        Report report = sweep.findings(base);
        assertEquals(2, report.findings().size(), report.findings().toString());

        String[] configs = {"CONFIG_A=y\nCONFIG_B=y\n", "CONFIG_A=y\n", "CONFIG_B=y\n"};
        List<Sweep.Planned> planned = new ArrayList<>();
        for (int i = 0; i < configs.length; i++) {
            DotConfig dot = DotConfig.parse("c" + i, configs[i]);
            planned.add(new Sweep.Planned(i, null, "c" + i,
                    () -> ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, dot)));
        }
        Sweep.Result result = sweep.run(base, report, planned, (done, total) -> { });

        // A=n (the third) fails the necessary part: no re-run there
        assertEquals(List.of(List.of("drivers/a.c"), List.of("drivers/a.c")), perFileScopes);
        assertEquals(List.of(scope, scope), wholeScopes);
        List<List<Integer>> fires = result.outcomes().stream().map(Sweep.Outcome::fires).toList();
        assertEquals(List.of(List.of(0, 1), List.of(), List.of()), fires);
    }
}
