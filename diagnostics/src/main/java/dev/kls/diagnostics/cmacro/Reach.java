package dev.kls.diagnostics.cmacro;

import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a macro's expansion reaches under one configuration: the macros it
 * names (through every definition a build with those values can see,
 * transitively), and the first term that is no macro, parameter or C
 * keyword: a variable or a function, so the value is only known at run
 * time. Null {@code runtimeTerm} means the expansion is made of integer
 * constants, operators and such macros alone: a compile-time constant.
 */
public record Reach(Set<String> macros, String runtimeTerm) {

    /** Words of C that are neither variables nor macros (casts and sizeof in constant expressions). */
    private static final Set<String> KEYWORDS = Set.of("unsigned", "signed", "long", "int", "short", "char",
            "sizeof", "_Bool", "__typeof__", "typeof", "const", "volatile", "defined", "__VA_ARGS__");

    public boolean constant() {
        return runtimeTerm == null;
    }

    /** The reach of {@code def} under {@code values} (.config values without CONFIG_). */
    public static Reach of(HeaderMacros index, HeaderMacros.Def def, Map<String, String> values) {
        Set<String> seen = new LinkedHashSet<>();
        seen.add(def.macro().name());
        String runtime = walk(index, def, values, seen);
        seen.remove(def.macro().name());
        return new Reach(Set.copyOf(seen), runtime);
    }

    private static String walk(HeaderMacros index, HeaderMacros.Def def, Map<String, String> values,
            Set<String> seen) {
        for (Token t : def.macro().body()) {
            if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.OTHER) {
                return t.text(); // not an integer: not a page-protection constant either
            }
            if (t.kind() != TokenKind.IDENTIFIER || KEYWORDS.contains(t.text())
                    || def.macro().paramIndex(t.text()) >= 0) {
                continue; // a call's arguments are tokens of the caller's body, checked there
            }
            String name = t.text();
            if (!seen.add(name)) {
                continue;
            }
            var active = index.active(name, values);
            if (active.isEmpty()) {
                return name;
            }
            for (HeaderMacros.Def d : active) {
                String r = walk(index, d, values, seen);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }
}
