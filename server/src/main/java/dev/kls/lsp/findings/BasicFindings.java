package dev.kls.lsp.findings;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.lsp.ConfigTextScanner;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.KconfigRefs;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import dev.kls.lsp.cfacts.CFacts;
import dev.kls.lsp.cfacts.CFileFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The findings there are before the diagnostics engine: the Kconfig reader's
 * and model's own errors and warnings (kernel wording), conf's warnings about
 * a .config or defconfig, unmet dependencies of the current configuration,
 * and names that no Kconfig file of the tree defines (with the nearest
 * defined name as a fix), as scripts/checkkconfigsymbols.py reports them.
 */
public final class BasicFindings implements FindingSource {

    /** Loader and model problems; the kernel's own wording. */
    public static final String KCONFIG = "kconfig";
    /** conf's "unmet direct dependencies" under the current configuration. */
    public static final String UNMET = "kconfig-unmet-dependency";
    /** A name no Kconfig file of the tree defines, for any ARCH. */
    public static final String UNDEFINED = "undefined-symbol";
    /** conf's warnings about a .config or defconfig line. */
    public static final String DOTCONFIG = "dotconfig";

    private final CFileFacts cFacts;

    public BasicFindings(CFileFacts cFacts) {
        this.cFacts = cFacts;
    }

    @Override
    public List<Finding> findings(Snapshot s, Document doc, CancelChecker cancel) {
        if (doc.path() == null) {
            return List.of();
        }
        switch (doc.kind()) {
            case KCONFIG:
                return kconfig(s, doc, cancel);
            case C:
                return c(s, doc, cancel);
            case MAKEFILE:
                return undefined(s, ConfigTextScanner.scan(doc.path(), doc.text()), Set.of(), "CONFIG_", cancel);
            case DOTCONFIG:
                return dotconfig(s, doc, cancel);
            default:
                return List.of();
        }
    }

    private List<Finding> kconfig(Snapshot s, Document doc, CancelChecker cancel) {
        List<Finding> out = new ArrayList<>();
        KconfigFile file = s.kconfigFile(doc);
        boolean inTree = s.kconfigFiles().get(doc.path()) == file;
        List<Diagnostic> problems = inTree ? s.kconfig().diagnostics() : file.diagnostics();
        for (Diagnostic d : problems) {
            if (d.range().file().equals(doc.path())) {
                out.add(of(KCONFIG, d));
            }
        }
        if (inTree && s.config() != null) {
            for (Diagnostic d : s.config().diagnostics()) {
                if (d.range().file().equals(doc.path())) {
                    out.add(of(UNMET, d));
                }
            }
        }
        cancel.checkCanceled();
        List<Occurrence> refs = new ArrayList<>();
        Set<String> own = new HashSet<>();
        for (Occurrence o : KconfigRefs.of(file)) {
            if (o.kind() == Occurrence.Kind.DEFINITION) {
                own.add(o.name());
            } else {
                refs.add(o);
            }
        }
        out.addAll(undefined(s, refs, own, "", cancel));
        return out;
    }

    private List<Finding> c(Snapshot s, Document doc, CancelChecker cancel) {
        CFacts facts = cFacts.analyze(doc.path(), doc.text());
        List<Occurrence> refs = new ArrayList<>();
        Set<String> own = new HashSet<>();
        facts.defines().forEach(d -> own.add(d.substring("CONFIG_".length())));
        for (CFacts.ConfigRef r : facts.refs()) {
            SourceRange name = new SourceRange(r.range().file(), r.range().startLine(),
                    r.range().startColumn() + "CONFIG_".length(), r.range().endLine(), r.range().endColumn());
            refs.add(new Occurrence(r.symbol(), name, Occurrence.Kind.CONFIG_MACRO));
        }
        return undefined(s, refs, own, "CONFIG_", cancel);
    }

    /**
     * Names no Kconfig file defines. Only once the whole tree is indexed: until
     * then a symbol of another ARCH would look undefined.
     */
    private static List<Finding> undefined(Snapshot s, List<Occurrence> refs, Set<String> own, String prefix,
            CancelChecker cancel) {
        if (s.index() == null || !s.index().complete() || s.model() == null) {
            return List.of();
        }
        Set<String> known = s.index().definedAnywhere();
        List<Finding> out = new ArrayList<>();
        List<String> candidates = null;
        for (Occurrence o : refs) {
            String n = o.name();
            if (own.contains(n) || s.defines(n) || known.contains(n)) {
                continue;
            }
            if (n.endsWith("_MODULE")) {
                String base = n.substring(0, n.length() - "_MODULE".length());
                if (s.defines(base) || known.contains(base) || own.contains(base)) {
                    continue;
                }
            }
            if (candidates == null) {
                cancel.checkCanceled();
                Set<String> all = new HashSet<>(known);
                all.addAll(s.model().symbols().keySet());
                candidates = new ArrayList<>(all);
            }
            String near = Nearest.name(n, candidates);
            List<Finding.Fix> fixes = near == null ? List.of()
                    : List.of(new Finding.Fix("Change to '" + prefix + near + "'",
                            List.of(new Finding.Edit(o.range(), near))));
            out.add(new Finding(UNDEFINED, Finding.Level.WARNING, o.range(),
                    "'" + prefix + n + "' is not defined in any Kconfig file of the tree"
                            + (near != null ? "; did you mean '" + prefix + near + "'?" : ""),
                    null, fixes));
        }
        return out;
    }

    private List<Finding> dotconfig(Snapshot s, Document doc, CancelChecker cancel) {
        if (s.kconfig() == null) {
            return List.of();
        }
        DotConfig dc = DotConfig.parse(doc.path(), doc.text());
        ConfigTarget target = FileKind.isDefconfig(doc.name()) ? ConfigTarget.DEFCONFIG : ConfigTarget.OLDDEFCONFIG;
        cancel.checkCanceled();
        ConfigResult r = ConfigEvaluator.run(s.kconfig().tree(), target, dc);
        cancel.checkCanceled();
        List<Finding> out = new ArrayList<>();
        List<String> candidates = new ArrayList<>(s.model().symbols().keySet());
        for (Diagnostic d : r.diagnostics()) {
            if (!d.range().file().equals(doc.path())) {
                continue;
            }
            List<Finding.Fix> fixes = List.of();
            SourceRange range = d.range();
            if (d.message().startsWith("unknown symbol: ")) {
                String name = d.message().substring("unknown symbol: ".length());
                String lineText = doc.lines().lineText(range.startLine() - 1);
                int at = lineText.indexOf("CONFIG_" + name);
                String near = Nearest.name(name, candidates);
                if (at >= 0) {
                    int col = at + "CONFIG_".length() + 1;
                    range = new SourceRange(range.file(), range.startLine(), col, range.startLine(),
                            col + name.length());
                    if (near != null) {
                        fixes = List.of(new Finding.Fix("Change to 'CONFIG_" + near + "'",
                                List.of(new Finding.Edit(range, near))));
                    }
                }
            }
            out.add(new Finding(DOTCONFIG, level(d), range, d.message(), null, fixes));
        }
        return out;
    }

    private static Finding of(String rule, Diagnostic d) {
        return new Finding(rule, level(d), d.range(), d.message(), null, List.of());
    }

    private static Finding.Level level(Diagnostic d) {
        switch (d.severity()) {
            case ERROR:
                return Finding.Level.ERROR;
            case WARNING:
                return Finding.Level.WARNING;
            default:
                return Finding.Level.INFORMATION;
        }
    }
}
