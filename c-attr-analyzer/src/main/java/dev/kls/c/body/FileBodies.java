package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * What one file defines, read configuration-free: its function definitions
 * (bodies parsed) and its file-scope variables with their initializers.
 *
 * @param unreadChunks top-level chunks that looked like a function definition but could not be read as one
 */
public record FileBodies(String file, List<FunctionDef> functions, List<Global> globals, int unreadChunks) {

    public FileBodies {
        functions = List.copyOf(functions);
        globals = List.copyOf(globals);
    }

    /** Every call site of every function, in file order. */
    public List<CallSite> calls() {
        return functions.stream().flatMap(f -> f.calls().stream()).toList();
    }

    /** The functions of a name (several under different #if branches). */
    public List<FunctionDef> functions(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).toList();
    }

    /** Opaque statements and expressions over all bodies, plus unread chunks. */
    public int opaque() {
        return unreadChunks + functions.stream().mapToInt(FunctionDef::opaque).sum();
    }

    /**
     * A file-scope variable (extern or defined) or a function declaration:
     * name, type as written after expansion ("(fn)" for a function), storage,
     * initializer (null when none).
     */
    public record Global(String name, String type, String storage, Expr init, SourceRange range, Cond presence) {
    }
}
