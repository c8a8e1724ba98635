package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Names;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * dotconfig-line: what conf says about the lines of a .config or defconfig
 * file (an unknown symbol, a value the symbol's type does not take, a symbol
 * assigned twice, an inconsistent choice), in conf's wording. It looks at the
 * configuration being checked, with the values already computed, and at the
 * .config/defconfig files the scope names, each read as {@code make
 * olddefconfig} (a .config) or {@code make defconfig} (a file whose name ends
 * in defconfig) reads it.
 */
@AutoService(Rule.class)
public final class DotconfigLineRule implements Rule {


    @Override
    public String id() {
        return "dotconfig-line";
    }

    @Override
    public String summary() {
        return "a .config or defconfig line conf warns about: unknown symbol, invalid value, reassignment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG, Input.CONFIG_FILES);
    }

    /** A .config, a defconfig or a fragment (kernel/configs/xen.config), by its name. */
    static boolean isConfigFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(".config") || name.endsWith("defconfig") || name.endsWith(".config");
    }

    @Override
    public List<Finding> check(RuleContext context) throws IOException {
        List<Finding> out = new ArrayList<>();
        Optional<EvaluatedConfig> given = context.configuration();
        given.ifPresent(c -> report(context, c.file(), c.result(), out));
        for (String file : context.workspace().scope()) {
            if (!isConfigFile(file) || given.isPresent() && given.get().file().equals(file)
                    || !context.workspace().overlays().containsKey(file) && !Files.isRegularFile(context.resolve(file))) {
                continue;
            }
            context.checkCancelled();
            DotConfig dot = DotConfig.parse(file, context.text(file));
            ConfigTarget target = file.endsWith("defconfig") ? ConfigTarget.DEFCONFIG : ConfigTarget.OLDDEFCONFIG;
            // The evaluator reports the lines it cannot read at all among its own diagnostics.
            report(context, file, ConfigEvaluator.run(context.kconfig().tree(), target, dot), out);
        }
        return out;
    }

    private void report(RuleContext context, String file, ConfigResult result, List<Finding> out) {
        List<String> names = null;
        for (Diagnostic d : result.diagnostics()) {
            if (!d.range().file().equals(file)) {
                continue; // unmet dependencies and the like are Kconfig's: select-unmet-deps has them
            }
            Finding f = Finding.of(id(), Severity.of(d.severity()), d.range(), d.message());
            if (d.code() == Diagnostic.Code.UNKNOWN_SYMBOL) {
                if (names == null) {
                    names = new ArrayList<>(context.kconfig().model().symbols().keySet());
                }
                f = unknown(context, f, d.subject(), names);
            }
            out.add(f);
        }
    }

    /** An unknown name: the finding on the name itself; fixes: the nearest defined name, else the line gone. */
    private Finding unknown(RuleContext context, Finding f, String name, List<String> names) {
        SourceRange line = f.range();
        List<Fix> fixes = new ArrayList<>();
        String text = lineText(context, line);
        int at = text == null ? -1 : text.indexOf(DotConfig.PREFIX + name);
        if (at >= 0) {
            int col = at + DotConfig.PREFIX.length() + 1;
            SourceRange range = new SourceRange(line.file(), line.startLine(), col, line.startLine(), col + name.length());
            f = Finding.of(id(), f.severity(), range, f.message());
            String near = Names.nearest(name, names);
            if (near != null) {
                fixes.add(new Fix("Change to '" + DotConfig.PREFIX + near + "'", List.of(new TextEdit(range, near))));
            }
        }
        fixes.add(new Fix("Delete the line", List.of(TextEdit.deleteLines(line.file(), line.startLine(),
                line.startLine()))));
        return f.withFixes(fixes);
    }

    private static String lineText(RuleContext context, SourceRange r) {
        try {
            String[] lines = context.text(r.file()).split("\n", -1);
            return r.startLine() >= 1 && r.startLine() <= lines.length ? lines[r.startLine() - 1] : null;
        } catch (IOException e) {
            return null; // the configuration lies outside the tree or is gone: the finding stays on the line
        }
    }
}
