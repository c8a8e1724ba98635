package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * One function definition of a file, read configuration-free: every #if
 * branch of the body is kept, each node with its own presence condition.
 *
 * @param storage     {@code static}, {@code extern} or "" (none written)
 * @param inline      {@code inline} / {@code __inline__} / {@code __always_inline} was written (after expansion)
 * @param alwaysInline the always_inline attribute was given
 * @param returnType  the return type as written before the name (after expansion)
 * @param presence    the presence condition of the definition (the #ifs around it)
 * @param body        null when no body could be read at all (then {@code opaque} counts it)
 * @param calls       every call in the body, in source order
 * @param opaque      statements and expressions that were not understood
 * @param nodes       statements and expressions read, understood or not
 */
public record FunctionDef(String file, String name, String storage, boolean inline, boolean alwaysInline,
        String returnType, List<Param> params, boolean variadic, SourceRange range, SourceRange nameRange,
        Cond presence, Stmt.Block body, List<CallSite> calls, List<Stmt.Local> locals, int opaque, int nodes) {

    public FunctionDef {
        params = List.copyOf(params);
        calls = List.copyOf(calls);
        locals = List.copyOf(locals);
    }

    public boolean isStatic() {
        return storage.equals("static");
    }

    /** Whether every statement and expression of the body was understood. */
    public boolean parsedFully() {
        return body != null && opaque == 0;
    }

    /** Index of the parameter of that name, -1 when none. */
    public int paramIndex(String n) {
        for (int i = 0; i < params.size(); i++) {
            if (n.equals(params.get(i).name())) {
                return i;
            }
        }
        return -1;
    }

    /** A parameter: name (null when unnamed) and type as written. */
    public record Param(String name, String type, SourceRange range) {
    }
}
