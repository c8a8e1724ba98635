package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small kernel-style trees for rule tests: {@code Kconfig} at the top sourcing
 * {@code arch/$(SRCARCH)/Kconfig}, written to a temporary folder, checked by
 * one rule, and quick fixes applied to them.
 */
public final class RuleFixture {

    private final Path dir;

    private RuleFixture(Path dir) {
        this.dir = dir;
    }

    /**
     * A tree in {@code dir}: {@code arch} is the text of arch/x86/Kconfig, the
     * top Kconfig sources it; {@code more} adds files (path, text, path, text...).
     */
    public static RuleFixture tree(Path dir, String arch, String... more) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder top = new StringBuilder("mainmenu \"test\"\n\nsource \"arch/$(SRCARCH)/Kconfig\"\n");
        for (int i = 0; i < more.length; i += 2) {
            files.put(more[i], more[i + 1]);
            if (more[i].endsWith("Kconfig") && !more[i].equals("Kconfig")) {
                top.append("source \"").append(more[i]).append("\"\n");
            }
        }
        files.putIfAbsent("Kconfig", top.toString());
        files.put("arch/x86/Kconfig", arch);
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuleFixture(dir);
    }

    /** A copy of the test-workspace scenario {@code name} in {@code dir}. */
    public static RuleFixture scenario(String name, Path dir) {
        return new RuleFixture(dev.kls.kconfig.testing.Scenarios.copy(name, dir));
    }

    public Path dir() {
        return dir;
    }

    public Kconfig kconfig() {
        try {
            return Kconfig.load(dir, "x86", false, Map.of());
        } catch (Kconfig.InputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The workspace, with {@code dotConfig} (may be null) evaluated as olddefconfig does. */
    public CheckedTree workspace(String dotConfig) {
        if (!Files.isRegularFile(dir.resolve("Kconfig"))) {
            // a plain C tree: no Kconfig, no configuration
            return new CheckedTree(dir, null, null, List.of(), Map.of());
        }
        Kconfig k = kconfig();
        EvaluatedConfig cfg = null;
        if (dotConfig != null) {
            DotConfig dot = DotConfig.parse(".config", dotConfig);
            cfg = new EvaluatedConfig(".config", ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, dot));
        }
        return CheckedTree.of(dir, k, cfg);
    }

    /** The findings of one rule, through the engine (so suppressions and settings apply as in real runs). */
    public List<Finding> run(Rule rule, String dotConfig) {
        Report r = new RuleEngine(List.of(rule), RuleSettings.none(), new RuleEngine.Options(Duration.ofMinutes(1), 1))
                .run(workspace(dotConfig));
        for (Finding f : r.findings()) {
            assertFalse(f.ruleId().equals(RuleEngine.INTERNAL_ERROR), f.message());
        }
        return r.findings();
    }

    public List<Finding> run(Rule rule) {
        return run(rule, null);
    }

    /** The findings of one rule over a workspace of this tree, with analyses handed in as a server does. */
    public List<Finding> run(Rule rule, CheckedTree workspace, Map<Class<?>, ?> shared) {
        Report r = new RuleEngine(List.of(rule), RuleSettings.none(), new RuleEngine.Options(Duration.ofMinutes(1), 1))
                .run(workspace, shared, (id, done, total) -> { });
        for (Finding f : r.findings()) {
            assertFalse(f.ruleId().equals(RuleEngine.INTERNAL_ERROR), f.message());
        }
        return r.findings();
    }

    public String text(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies the first fix of {@code f} to the files, then checks what every
     * fix must guarantee: the tree still reads without errors, and the same
     * rule no longer fires at that spot. Returns the fixed text of the file.
     */
    public String applyFirstFix(Rule rule, Finding f) {
        assertFalse(f.fixes().isEmpty(), "no fix offered for " + f);
        try {
            Fixes.Plan plan = Fixes.plan(List.of(f), file -> text(file));
            assertEquals(1, plan.applied().size());
            for (Map.Entry<String, String> e : plan.texts().entrySet()) {
                Fixes.writeAtomically(dir.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Kconfig after = kconfig();
        assertEquals(0, after.count(dev.kls.kconfig.KconfigSeverity.ERROR), "the fixed tree has errors: "
                + after.diagnostics());
        List<Finding> again = run(rule);
        assertTrue(again.stream().noneMatch(g -> g.message().equals(f.message()) && g.file().equals(f.file())),
                "the rule still fires after its fix: " + again);
        return text(f.file());
    }
}
