package dev.kls.lsp.handlers;

import dev.kls.c.kbuild.CoverTarget;
import dev.kls.c.kbuild.Kbuild;
import dev.kls.kconfig.AtomicFiles;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.sat.CoverSearch;
import dev.kls.kconfig.sat.KconfigSat;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * "Show a configuration where this line is compiled": on a line of a C file, the
 * fewest changes to the configuration the editor uses under which kbuild builds the
 * file and every #if around the line holds (kls config cover's search, each answer
 * confirmed by conf-exact olddefconfig), written as a .config fragment under
 * {@code .kls/cover/} and opened. The action is a command, so the work (an encoding
 * of the tree and a search: seconds on Linux) is done only when it is chosen, not
 * each time the editor asks which actions a line has.
 */
public final class CoverHandler {

    /** The workspace/executeCommand name; arguments: the document's URI and a 0-based line. */
    public static final String COMMAND = "kls.coverConfiguration";

    /** Where the fragments go, inside the tree (kls's own folder, as the macro cache). */
    static final String FOLDER = ".kls/cover";

    /** The code action for the line the range starts on (C files only, once the Kconfig tree is read). */
    public List<Either<Command, CodeAction>> actions(Snapshot s, Document doc, Range range, List<String> only) {
        if (doc.kind() != FileKind.C || doc.path() == null || s.kconfig() == null || range == null) {
            return List.of();
        }
        if (only != null && !only.isEmpty() && only.stream().noneMatch(KIND::startsWith)) {
            return List.of();
        }
        int line = range.getStart().getLine();
        Command c = new Command("Show a configuration where line " + (line + 1) + " is compiled", COMMAND,
                List.of(doc.uri(), line));
        CodeAction a = new CodeAction(c.getTitle());
        a.setKind(KIND);
        a.setCommand(c);
        return List.of(Either.forRight(a));
    }

    /** A source action: it changes no code, it writes a file beside it. */
    public static final String KIND = "source.kls.cover";

    /**
     * What running the command gave: the fragment written (null when none exists) and what to tell the user.
     *
     * @param changes the CONFIG_ lines of the fragment, in order
     */
    public record Result(Path fragment, List<String> changes, String message) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    /** Runs the search for {@code line} (0-based) of {@code doc} and writes the fragment. */
    public Result run(Snapshot s, Document doc, int line) throws IOException {
        Kconfig k = s.kconfig();
        if (k == null) {
            return new Result(null, List.of(), "kls is still reading the Kconfig tree; try again shortly");
        }
        String file = doc.path();
        if (line < 0 || line >= doc.text().split("\n", -1).length) {
            return new Result(null, List.of(), file + " has no line " + (line + 1));
        }
        Function<String, SymbolType> types = k.model()::symbolType;
        Kbuild kbuild = new Kbuild(s.root(), k.environment().srcarch(), k.environment().arch());
        List<CoverSearch.Part> parts = new CoverTarget(file, List.of(line + 1)).parts(kbuild,
                k.environment().srcarch(), types, doc.text());
        // The configuration the editor shows values for is the one to change as little as possible.
        ConfigResult base = s.config() != null ? s.config()
                : ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, DotConfig.parse("alldefconfig", ""));
        String baseName = s.config() != null ? s.configSource() : "alldefconfig";
        CoverSearch.Outcome o = CoverSearch.search(KconfigSat.of(k.tree()), base, parts);
        String where = file + ":" + (line + 1);
        if (o.config() == null) {
            return new Result(null, List.of(), "no configuration of ARCH=" + k.environment().arch() + " compiles "
                    + where + ": " + String.join("; ", o.unsatisfiable()));
        }
        StringBuilder text = new StringBuilder();
        text.append("# A configuration where ").append(where).append(" is compiled (ARCH=")
                .append(k.environment().arch()).append("), written by kls.\n");
        text.append("# The fewest changes to ").append(baseName.replace('\n', ' '))
                .append(o.proven() ? "" : " (not proven the fewest: a bounded SAT call gave up)")
                .append("; conf's olddefconfig keeps them.\n");
        for (CoverSearch.Part p : parts) {
            text.append(p.formula() == dev.kls.kconfig.semantics.Formula.TRUE ? "# in every configuration: "
                    : "# needs " + p.formula().toKconfig() + "   <- ").append(p.name()).append('\n');
        }
        for (String a : o.assumed()) {
            text.append("# assumed true, not over Kconfig symbols: ").append(a).append('\n');
        }
        text.append("# Use: append it to .config and run make olddefconfig (or scripts/kconfig/merge_config.sh .config "
                + "THIS_FILE).\n");
        List<String> lines = new java.util.ArrayList<>();
        for (CoverSearch.Change c : o.changes()) {
            lines.add(c.to() == Tristate.NO ? "# " + DotConfig.PREFIX + c.symbol() + " is not set"
                    : DotConfig.PREFIX + c.symbol() + "=" + c.to().letter());
        }
        for (String l : lines) {
            text.append(l).append('\n');
        }
        Path out = s.root().resolve(FOLDER).resolve(file.replace('/', '-') + "-" + (line + 1) + ".config");
        AtomicFiles.write(out, text.toString());
        String summary = lines.isEmpty() ? where + " is compiled in " + baseName + " already"
                : String.join(", ", lines) + (lines.size() == 1 ? " compiles " : " compile ") + where;
        return new Result(out, lines, summary + " (" + s.root().relativize(out) + ")");
    }
}
