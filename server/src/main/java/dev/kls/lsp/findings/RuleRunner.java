package dev.kls.lsp.findings;

import dev.kls.c.CProject;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.user.FileRules;
import dev.kls.diagnostics.user.RuleFiles;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.diagnostics.rules.DefinedSymbols;
import dev.kls.kconfig.witness.WitnessSearch;
import dev.kls.lsp.Document;
import dev.kls.lsp.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The findings of open documents: the diagnostics engine, with every rule
 * {@code kls lint} runs, over the documents' files only (the engine's scope)
 * and with their unsaved text (its overlays). So an edit to a C file runs the
 * C rules on that file, an edit to a Kconfig file finds the Kconfig rules'
 * findings in it, and what the editor shows is what {@code kls lint FILE}
 * prints for the same text. The rules' settings are {@code .kls.json}'s,
 * overlaid by the editor's {@code rules} setting.
 */
public final class RuleRunner {

    private static final Logger LOG = Logger.getLogger(RuleRunner.class.getName());
    /** Names of a rule that walks the whole tree when the server's index cannot tell it. */
    private static final String UNDEFINED = "undefined-symbol";

    /** Built-in rules and those of the rule files, reloaded when a rule file changes (on save, in a buffer). */
    private List<Rule> rules;
    private Set<String> ids = new TreeSet<>();
    private FileRules.Discovered discovered;
    private String rulesKey;
    private final java.nio.file.Path userRules;
    private final RuleEngine.Options options = new RuleEngine.Options(Duration.ofSeconds(60),
            Math.max(1, Runtime.getRuntime().availableProcessors()));
    /** The index's set of defined names, and the same wrapped for the rules (rebuilt only when the set changes). */
    private Set<String> definedFrom;
    private DefinedSymbols defined;
    private String settingsKey;
    private RuleSettings settings;
    /** The search page-aligned-size runs without a configuration, kept per tree (it caches evaluator runs). */
    private WitnessSearch search;
    private dev.kls.kconfig.Kconfig searchOf;

    public RuleRunner() {
        this(RuleFiles.userDir(System.getenv()));
    }

    /** @param userRules the user's rule folder, or null for none */
    public RuleRunner(java.nio.file.Path userRules) {
        this.userRules = userRules;
    }

    /** The rules for this tree now: read again when a rule file's text or listing changed. */
    private void loadRules(java.nio.file.Path root, Map<String, String> overlays) {
        String key = root + "\u0000" + RuleFiles.fingerprint(root, overlays, userRules);
        if (key.equals(rulesKey)) {
            return;
        }
        discovered = FileRules.discover(root, overlays, userRules);
        rules = discovered.rules();
        Set<String> all = new TreeSet<>();
        rules.forEach(r -> all.add(r.id()));
        all.addAll(RuleEngine.BUILT_IN_IDS);
        ids = all;
        rulesKey = key;
        settingsKey = null; // the ids the settings may name changed
    }

    /**
     * Runs the rules over {@code docs} and returns their findings by
     * tree-relative path. A finding with no place (a rule that failed) is
     * given to every document, at its start.
     *
     * @param open    every open document: unsaved text is read instead of the disk
     * @param project the C project shared with the server's C features
     */
    public synchronized Map<String, List<Finding>> run(Snapshot s, Collection<Document> docs,
            Collection<Document> open, CProject project) {
        return run(s, docs, open, project, null);
    }

    /** @param graph the call graph of the whole tree the server keeps (null: the rules build their own) */
    public synchronized Map<String, List<Finding>> run(Snapshot s, Collection<Document> docs,
            Collection<Document> open, CProject project, dev.kls.c.graph.CallGraph graph) {
        Map<String, List<Finding>> out = new HashMap<>();
        List<String> scope = new ArrayList<>();
        for (Document d : docs) {
            if (d.path() != null) {
                scope.add(d.path());
                out.put(d.path(), new ArrayList<>());
            }
        }
        if (s.kconfig() == null || scope.isEmpty()) {
            return out;
        }
        Map<String, String> overlays = new HashMap<>();
        for (Document d : open) {
            if (d.path() != null) {
                overlays.put(d.path(), d.text());
            }
        }
        loadRules(s.root(), overlays);
        Map<Class<?>, Object> shared = new LinkedHashMap<>();
        shared.put(RuleFiles.Loaded.class, discovered.files());
        List<Rule> run = new ArrayList<>();
        boolean indexed = s.index() != null && s.index().complete();
        for (Rule r : rules) {
            // Until the tree is indexed, which names other ARCHes define is not known: no guesses.
            if (!r.id().equals(UNDEFINED) || indexed) {
                run.add(r);
            }
        }
        if (indexed) {
            shared.put(DefinedSymbols.class, definedSymbols(s.index().definedAnywhere()));
        }
        if (project != null) {
            shared.put(CProject.class, project);
        }
        if (graph != null) {
            shared.put(dev.kls.c.graph.CallGraph.class, graph);
        }
        if (s.checked() == null) {
            if (search == null || searchOf != s.kconfig()) {
                search = new WitnessSearch(s.kconfig().tree(), s.kconfig().model(), null);
                searchOf = s.kconfig();
            }
            shared.put(WitnessSearch.class, search);
        }
        CheckedTree ws = new CheckedTree(s.root(), s.kconfig(), s.checked(), scope, overlays);
        Report report = new RuleEngine(run, settings(s, overlays), options).run(ws, shared, (id, done, total) -> { });
        for (Finding f : report.findings()) {
            if (f.hasLocation()) {
                List<Finding> l = out.get(f.file());
                if (l != null) {
                    l.add(f);
                }
            } else {
                LOG.warning("kls: " + f.message());
                out.values().forEach(l -> l.add(f));
            }
        }
        return out;
    }

    private DefinedSymbols definedSymbols(Set<String> names) {
        if (names != definedFrom) {
            definedFrom = names;
            defined = DefinedSymbols.of(names);
        }
        return defined;
    }

    /** .kls.json (the editor's buffer when it is open), then the editor's {@code rules} setting over it. */
    private RuleSettings settings(Snapshot s, Map<String, String> overlays) {
        String text = overlays.get(RuleSettings.FILE);
        if (text == null) {
            try {
                text = new String(Files.readAllBytes(s.root().resolve(RuleSettings.FILE)), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                text = null;
            } catch (IOException e) {
                LOG.warning("kls: cannot read " + RuleSettings.FILE + ": " + e.getMessage());
                text = null;
            }
        }
        Map<String, String> editor = s.settings().rules().severity;
        String key = text + "\u0000" + editor;
        if (key.equals(settingsKey)) {
            return settings;
        }
        RuleSettings file = text == null ? RuleSettings.none() : RuleSettings.parse(text, ids, RuleSettings.optionNames(rules));
        Map<String, RuleSettings.RuleSetting> merged = new LinkedHashMap<>(file.rules());
        editor.forEach((id, value) -> {
            if (!ids.contains(id)) {
                LOG.warning("kls: the rules setting names an unknown rule \"" + id + "\"");
                return;
            }
            RuleSettings.RuleSetting was = merged.getOrDefault(id, new RuleSettings.RuleSetting(null, null));
            String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
            // The editor sets enablement and severity only: the file's options stay.
            RuleSettings.RuleSetting now = switch (v) {
                case "off" -> new RuleSettings.RuleSetting(false, was.severity(), was.options());
                case "error" -> new RuleSettings.RuleSetting(true, Severity.ERROR, was.options());
                case "warning" -> new RuleSettings.RuleSetting(true, Severity.WARNING, was.options());
                case "information", "info" -> new RuleSettings.RuleSetting(true, Severity.INFO, was.options());
                case "hint" -> new RuleSettings.RuleSetting(true, Severity.HINT, was.options());
                default -> {
                    LOG.warning("kls: rule \"" + id + "\": unknown setting \"" + value
                            + "\" (off, error, warning, information or hint)");
                    yield was;
                }
            };
            merged.put(id, now);
        });
        settings = new RuleSettings(merged, file.problems());
        settingsKey = key;
        return settings;
    }
}
