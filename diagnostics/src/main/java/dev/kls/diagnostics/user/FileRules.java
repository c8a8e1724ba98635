package dev.kls.diagnostics.user;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The rules of a run: the built-in classes and the rules of every rule file, sorted by id. */
public final class FileRules {

    private FileRules() {
    }

    /** What a run needs: the loaded files (hand them to the engine, for invalid-rule) and all rules. */
    public record Discovered(RuleFiles.Loaded files, List<Rule> rules) {
        public Discovered {
            rules = List.copyOf(rules);
        }

        /** The analyses to hand {@link RuleEngine#run(dev.kls.diagnostics.CheckedTree, Map, RuleEngine.Progress)}. */
        public Map<Class<?>, Object> shared() {
            return Map.of(RuleFiles.Loaded.class, files);
        }
    }

    /**
     * @param overlays editor buffers by tree-relative path
     * @param userDir  the user's rule folder ({@link RuleFiles#userDir}), or null
     */
    public static Discovered discover(Path srctree, Map<String, String> overlays, Path userDir) {
        List<Rule> builtIn = RuleEngine.discoverRules();
        List<String> taken = new ArrayList<>(builtIn.stream().map(Rule::id).toList());
        taken.addAll(RuleEngine.BUILT_IN_IDS);
        RuleFiles.Loaded files = RuleFiles.load(srctree, taken, overlays, userDir);
        List<Rule> all = new ArrayList<>(builtIn);
        for (RuleSpec s : files.rules()) {
            all.add(new PatternRule(s));
        }
        all.sort(Comparator.comparing(Rule::id));
        return new Discovered(files, all);
    }
}
