package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.Configuration;
import dev.kls.c.ObjectDecl;
import dev.kls.c.ObjectEvaluation;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.CMatchers;
import dev.kls.diagnostics.ConfigMemo;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * page-aligned-size (seed 000): an object in a page-aligned section whose size
 * is not a whole number of pages in some configuration the kernel can be
 * built in. The linker packs such sections back to back, so every object
 * after it loses its page alignment.
 *
 * <p>With a configuration (--config or the tree's .config) the rule reports
 * exactly what that configuration gives. Without one it looks for the
 * smallest reachable configuration that makes the size wrong: first over the
 * raw values of the symbols the size computation read (cheap, C side only),
 * then, when some raw combination is wrong, through {@link WitnessSearch},
 * which keeps only what conf's olddefconfig accepts.
 */
@AutoService(Rule.class)
public final class PageAlignedSizeRule implements CMatchers.Matching {

    static final Set<String> SECTIONS = Set.of(".bss.page_aligned", ".bss..page_aligned", ".data.page_aligned",
            ".data..page_aligned");

    /** How many raw symbol changes the C-only pre-check combines (each is one cheap C evaluation). */
    private static final int RAW_CHANGES = 3;

    @Override
    public String id() {
        return "page-aligned-size";
    }

    @Override
    public String summary() {
        return "an object in a page-aligned section is not a whole number of pages, so the objects after it "
                + "lose their page alignment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG, Input.C_FILES);
    }

    @Override
    public boolean findingsPerFile() {
        return true; // an object's verdict reads its own translation unit only
    }

    @Override
    public CMatchers.Interest interest(RuleContext context) {
        return new PageAligned(context.workspace().overlays().keySet());
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        PageAligned found = CMatchers.fed(context, this);
        CProject project = context.cProject();
        Optional<EvaluatedConfig> given = context.configuration();
        Run run = new Run(context, project, given.isPresent() ? null
                : context.shared(WitnessSearch.class, c -> new WitnessSearch(c.kconfig().tree(),
                        c.kconfig().model(), null)));
        List<Finding> out = new ArrayList<>(found.notes);
        for (CFile cf : found.files) {
            for (CFile.GiveUp g : cf.giveUps()) {
                out.add(gaveUp(g.range(), "gave up on this declaration (" + g.reason() + "); its objects are not "
                        + "checked"));
            }
        }
        for (Found f : found.objects) {
            context.checkCancelled();
            ObjectDecl decl = f.decl();
            if (decl.isExtern()) {
                continue;
            }
            try {
                Optional<Finding> finding = given.isPresent() ? run.under(f.file(), decl, given.get().result())
                        : run.search(f.file(), decl);
                finding.ifPresent(out::add);
            } catch (RuntimeException | StackOverflowError e) {
                if (e instanceof java.util.concurrent.CancellationException c) {
                    throw c;
                }
                out.add(gaveUp(decl.nameRange(), "gave up on " + decl.name() + " (" + e + "); it is not checked"));
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(project.unreadable()).entrySet()) {
            out.add(gaveUp(SourceRange.point(e.getKey(), 1, 1), "could not read this file (" + e.getValue()
                    + "); its objects are not checked"));
        }
        return out;
    }

    /** One object the walk fed. */
    private record Found(CFile file, ObjectDecl decl) {
    }

    /**
     * The run's interest: the objects of the .c files whose declarations may
     * put them in a page-aligned section ({@link SectionPrefilter}: files by
     * one index of the project, buffers one by one, then only the declarations
     * that mention such a section). A file the reader fails on is a note, and
     * the other files go on.
     */
    private static final class PageAligned extends CMatchers.Interest {
        private final Set<String> buffers;
        final List<CFile> files = new ArrayList<>();
        final List<Found> objects = new ArrayList<>();
        final List<Finding> notes = new ArrayList<>();

        PageAligned(Set<String> buffers) {
            super(Set.of("c"));
            this.buffers = Set.copyOf(buffers);
            wantObjectsMentioning(new SectionPrefilter.Pieces(SECTIONS));
        }

        @Override
        protected List<String> mayMatch(CProject project, List<String> files) {
            return SectionPrefilter.filesPossiblyIn(project, SECTIONS, files);
        }

        @Override
        protected boolean mayMatch(CFile cf) {
            // files on disk passed the project-wide filter; an editor buffer is looked at alone
            return !buffers.contains(cf.path()) || SectionPrefilter.mayHoldSection(cf, SECTIONS);
        }

        @Override
        protected void file(CFile cf) {
            files.add(cf);
        }

        @Override
        protected void object(CFile cf, ObjectDecl decl) {
            objects.add(new Found(cf, decl));
        }

        @Override
        protected void failed(String path, CFile cf, Throwable error) {
            notes.add(cf == null
                    ? gaveUp(SourceRange.point(path, 1, 1), "could not read this file (" + error
                            + "); its objects are not checked")
                    : gaveUp(SourceRange.point(cf.path(), 1, 1), "could not read the declarations of this file ("
                            + error + "); its objects are not checked"));
        }
    }

    /** A give-up of the analysis: a note (info) at its place, never a silent miss. */
    private static Finding gaveUp(SourceRange where, String message) {
        return Finding.of("page-aligned-size", Severity.INFO, where, "page-aligned-size " + message);
    }

    /** One rule run: the project, the configuration or the search, and the values each configuration gives. */
    private static final class Run {
        private final RuleContext context;
        private final CProject project;
        private final WitnessSearch search;
        private final KconfigModel model;
        // Keyed by identity: a result is a large record, and the same instance comes back from the search's cache.
        private final Map<ConfigResult, Map<String, String>> values = new java.util.IdentityHashMap<>();
        private final ConfigMemo memo;

        Run(RuleContext context, CProject project, WitnessSearch search) {
            this.context = context;
            this.project = project;
            this.search = search;
            this.model = context.kconfig().model();
            this.memo = context.shared(ConfigMemo.class, c -> new ConfigMemo());
        }

        /** What one configuration gives. */
        Optional<Finding> under(CFile cf, ObjectDecl decl, ConfigResult config) {
            Verdict v = verdict(cf, decl, valuesOf(config));
            if (!v.fires()) {
                return Optional.empty();
            }
            Map<String, String> shown = new LinkedHashMap<>();
            for (String name : inKconfigOrder(withEnablers(v.touched(), config))) {
                SymbolValue sv = config.symbol(name);
                if (sv != null) {
                    shown.put(name, WitnessSearch.shown(sv));
                }
            }
            return Optional.of(finding(decl, v, shown, model));
        }

        /** The smallest reachable configuration that gives a size that is not whole pages, if any. */
        Optional<Finding> search(CFile cf, ObjectDecl decl) {
            ConfigResult base = search.baseResult();
            Map<String, String> baseValues = valuesOf(base);
            Verdict v0 = verdict(cf, decl, baseValues);
            if (v0.fires()) {
                return under(cf, decl, base);
            }
            Set<String> matter = new LinkedHashSet<>(v0.touched());
            matter.addAll(decl.presence().symbols());
            matter.removeIf(name -> model.symbol(name) == null);
            if (!rawCombinationFires(cf, decl, baseValues, new ArrayList<>(matter), 0, 0, new HashMap<>())) {
                return Optional.empty();
            }
            Optional<WitnessSearch.Witness> w = search.find(matter,
                    r -> verdict(cf, decl, valuesOf(r)).fires());
            if (w.isEmpty()) {
                return Optional.empty();
            }
            Verdict v = verdict(cf, decl, valuesOf(w.get().result()));
            Map<String, String> shown = new LinkedHashMap<>(w.get().settings());
            for (String name : inKconfigOrder(v.touched())) {
                SymbolValue sv = w.get().result().symbol(name);
                if (sv != null && !shown.containsKey(name)) {
                    shown.put(name, WitnessSearch.shown(sv));
                }
            }
            return Optional.of(finding(decl, v, shown, model));
        }

        /**
         * Whether some combination of up to {@link #RAW_CHANGES} changed values of
         * the symbols the computation read makes the size wrong, Kconfig aside. When
         * none does, no configuration can, and the evaluator need not run at all.
         */
        private boolean rawCombinationFires(CFile cf, ObjectDecl decl, Map<String, String> base, List<String> names,
                int from, int changes, Map<String, String> overrides) {
            if (changes > 0) {
                Map<String, String> vals = new HashMap<>(base);
                vals.putAll(overrides);
                if (verdict(cf, decl, vals).fires()) {
                    return true;
                }
            }
            if (changes == RAW_CHANGES) {
                return false;
            }
            for (int i = from; i < names.size(); i++) {
                String name = names.get(i);
                for (String value : search.alternatives(name)) {
                    overrides.put(name, value);
                    boolean fired = rawCombinationFires(cf, decl, base, names, i + 1, changes + 1, overrides);
                    overrides.remove(name);
                    if (fired) {
                        return true;
                    }
                }
            }
            return false;
        }

        private Verdict verdict(CFile cf, ObjectDecl decl, Map<String, String> vals) {
            context.checkCancelled();
            // The same object under values that agree on everything it read gives the same verdict: the
            // witness search and a sweep's re-runs try many such configurations.
            return memo.get(new MemoKey(cf.model(), decl), vals, v -> {
                Set<String> reads = new HashSet<>();
                Verdict verdict = compute(cf, decl, v, reads);
                reads.addAll(verdict.touched());
                return new ConfigMemo.Answer<>(verdict, reads);
            });
        }

        /** A file model (by identity: the file's own instance) and an object in it. */
        private record MemoKey(Object model, ObjectDecl decl) {
            @Override
            public boolean equals(Object o) {
                return o instanceof MemoKey k && k.model == model && k.decl.equals(decl);
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(model) * 31 + decl.hashCode();
            }
        }

        private Verdict compute(CFile cf, ObjectDecl decl, Map<String, String> vals, Set<String> alsoRead) {
            Configuration cfg = project.configuration(vals);
            ObjectEvaluation e = project.evaluate(cf, decl, cfg);
            Set<String> touched = new LinkedHashSet<>(e.touchedSymbols());
            if (!e.present() || e.section() == null || !SECTIONS.contains(e.section()) || !e.sizeKnown()) {
                return new Verdict(false, e, 0, touched, false);
            }
            OptionalLong page = project.constantAt(cf, decl, "PAGE_SIZE", cfg, touched);
            if (page.isEmpty() || page.getAsLong() <= 0) {
                return new Verdict(false, e, 0, touched, false); // no guesses: without PAGE_SIZE, nothing is said
            }
            boolean fires = e.size().getAsLong() % page.getAsLong() != 0;
            // The kernel's fix needs PAGE_ALIGN where the object stands; offer it only then.
            boolean pageAlign = fires && project.constantAt(cf, decl, "PAGE_ALIGN(1)", cfg, alsoRead).isPresent();
            return new Verdict(fires, e, page.getAsLong(), touched, pageAlign);
        }

        private Map<String, String> valuesOf(ConfigResult r) {
            return values.computeIfAbsent(r, EvaluatedConfig::writtenValues);
        }

        /**
         * The symbols read, plus the bool/tristate symbols that give the values read
         * their existence (XEN_MAX_DOMAIN_MEMORY is set only because XEN=y): the C
         * side does not see Makefiles and dependencies, a reader of the witness does.
         */
        private Set<String> withEnablers(Set<String> touched, ConfigResult config) {
            Set<String> out = new LinkedHashSet<>(touched);
            for (String name : touched) {
                dev.kls.kconfig.model.ConfigSymbol sym = model.symbol(name);
                SymbolValue sv = config.symbol(name);
                if (sym == null || sv == null || sym.type() == null || sym.type().isLogic() || !sv.written()) {
                    continue;
                }
                for (dev.kls.kconfig.model.SymbolDefinition d : sym.definitions()) {
                    for (String dep : WitnessSearch.symbolsOf(d.dependsOn())) {
                        SymbolValue dv = config.symbol(dep);
                        if (dv != null && dv.type() != null && dv.type().isLogic() && !dv.value().equals("n")) {
                            out.add(dep);
                        }
                    }
                }
            }
            return out;
        }

        private List<String> inKconfigOrder(Set<String> names) {
            List<String> out = new ArrayList<>();
            for (String name : model.symbols().keySet()) {
                if (names.contains(name)) {
                    out.add(name);
                }
            }
            return out;
        }
    }

    private record Verdict(boolean fires, ObjectEvaluation evaluation, long pageSize, Set<String> touched,
            boolean pageAlignDefined) {
    }

    private static Finding finding(ObjectDecl decl, Verdict v, Map<String, String> witness, KconfigModel model) {
        ObjectEvaluation e = v.evaluation();
        long size = e.size().getAsLong();
        long page = v.pageSize();
        boolean ownAlignment = e.explicitAlignment().isPresent() && e.explicitAlignment().getAsLong() % page == 0;
        String message;
        Severity severity;
        if (ownAlignment) {
            severity = Severity.HINT;
            long waste = page - size % page;
            message = decl.name() + " is " + size + " bytes in " + e.section() + "; it is page-aligned itself, so "
                    + waste + " bytes of padding are wasted after it";
        } else {
            severity = Severity.ERROR;
            message = decl.name() + " is " + size + " bytes in " + e.section() + ", not a whole number of pages ("
                    + page + "): every object after it in the section loses its page alignment";
        }
        List<Assignment> w = new ArrayList<>();
        witness.forEach((k, val) -> w.add(new Assignment(k, val)));
        // The size is C arithmetic over types and macros that the C side computes per configuration, not a
        // term over symbols: the condition is the object's presence and that opaque part, not exact.
        dev.kls.diagnostics.Condition condition = dev.kls.diagnostics.Condition.partial(
                dev.kls.kconfig.semantics.Formula.and(dev.kls.diagnostics.Condition.formula(decl.presence(), model),
                        new dev.kls.kconfig.semantics.Formula.Opaque("sizeof(" + decl.name() + ") % PAGE_SIZE != 0")));
        List<RelatedLocation> related = new ArrayList<>();
        ObjectDecl.Attribute section = sectionAttribute(decl);
        if (section != null) {
            related.add(new RelatedLocation(section.range(), "placed in " + e.section() + " here"));
        }
        Finding f = new Finding("page-aligned-size", severity, decl.nameRange(), message, condition, w, related,
                List.of());
        return severity == Severity.ERROR ? f.withFixes(fixes(decl, section, v.pageAlignDefined())) : f;
    }

    private static ObjectDecl.Attribute sectionAttribute(ObjectDecl decl) {
        for (ObjectDecl.Attribute a : decl.attributes()) {
            if (a.name().equals("section") || a.argument() != null && SECTIONS.contains(a.argument())) {
                return a;
            }
        }
        return null;
    }

    /**
     * The kernel's own fix first (seed 000: the length rounded up with
     * PAGE_ALIGN, so the array fills whole pages), then page alignment of its
     * own, then moving the object out of the section.
     */
    private static List<Fix> fixes(ObjectDecl decl, ObjectDecl.Attribute section, boolean pageAlign) {
        List<Fix> fixes = new ArrayList<>();
        if (pageAlign && !decl.dimensions().isEmpty() && !decl.dimensions().get(0).text().isBlank()) {
            ObjectDecl.Dimension d = decl.dimensions().get(0);
            fixes.add(new Fix("Round the length of " + decl.name() + " up to whole pages",
                    List.of(new TextEdit(d.range(), "PAGE_ALIGN(" + d.text().strip() + ")"))));
        }
        if (decl.declaratorEnd() != null) {
            SourceRange at = decl.declaratorEnd();
            SourceRange point = new SourceRange(at.file(), at.startLine(), at.startColumn(), at.startLine(),
                    at.startColumn());
            fixes.add(new Fix("Align " + decl.name() + " to a page of its own",
                    List.of(new TextEdit(point, " __attribute__((aligned(PAGE_SIZE)))"))));
        }
        if (section != null) {
            fixes.add(new Fix("Move " + decl.name() + " out of the page-aligned section",
                    List.of(new TextEdit(section.range(), ""))));
        }
        return fixes;
    }
}
