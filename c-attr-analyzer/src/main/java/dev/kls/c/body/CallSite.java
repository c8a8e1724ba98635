package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * One call in a function body.
 *
 * @param function the enclosing function's name
 * @param file     the file it is in (tree-relative)
 * @param callee   whom it calls, as far as the body says
 * @param args     the arguments in order
 * @param range    the whole call
 * @param presence the presence condition of the branch the call stands in (the definition's included)
 * @param guards   the tests that must come out a given way for control to reach the call, outermost first
 * @param call     the call's node in the body
 */
public record CallSite(String function, String file, Callee callee, List<Arg> args, SourceRange range, Cond presence,
        List<Guard> guards, Expr.Call call) {

    public CallSite {
        args = List.copyOf(args);
        guards = List.copyOf(guards);
    }

    /** How a call names its target. */
    public enum Kind {
        /** {@code f(...)}. */
        DIRECT,
        /** {@code p->f(...)}, {@code (*p->f)(...)}, {@code s.f(...)}. */
        MEMBER,
        /** {@code fp(...)}, {@code (*fp)(...)} for a local, parameter or variable fp; or anything else. */
        POINTER
    }

    /**
     * @param name       the function's name (DIRECT) or the pointer variable's (POINTER; null when not a name)
     * @param member     the member's name (MEMBER)
     * @param structType the struct tag of the member's object when the body says it ({@code struct machdep_table}
     *                   gives "machdep_table"); null when unknown
     */
    public record Callee(Kind kind, String name, String member, String structType, Expr expr) {
    }

    /** An argument: its expression, the original source text (through macros) and range. */
    public record Arg(String text, SourceRange range, Expr expr) {
    }

    /**
     * A test on the way to the call: control reaches the call only when
     * {@code cond} is {@code positive} ({@code if (c) call();} gives (c, true);
     * {@code if (c) return; call();} gives (c, false); {@code case K:} of
     * {@code switch (x)} gives (x == K, true)).
     */
    public record Guard(Expr cond, boolean positive, SourceRange range) {
    }
}
