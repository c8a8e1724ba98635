package dev.kls.c.types;

import dev.kls.c.pp.PpToken;
import java.util.List;

/**
 * A C type as written (after macro expansion): typedef names, tags and
 * array dimensions stay unresolved until a {@link Layout} with a scope and
 * an ABI asks for a size, so one parse serves every configuration.
 */
public sealed interface CType {

    enum Kind { VOID, BOOL, CHAR, SCHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, ULONG, LLONG, ULLONG, INT128, UINT128,
        FLOAT, DOUBLE, LDOUBLE }

    record Prim(Kind kind) implements CType {
    }

    /** A typedef name. */
    record Named(String name) implements CType {
    }

    record Pointer(CType target) implements CType {
    }

    /** {@code dim} null for {@code []}. */
    record Array(CType element, List<PpToken> dim) implements CType {
    }

    /** A struct or union; {@code members} null for a reference to a tag defined elsewhere. */
    record Record(String tag, boolean union, List<Member> members, List<Attr> attrs) implements CType {
    }

    record Enum(String tag, List<Enumerator> enumerators, List<Attr> attrs) implements CType {
    }

    record Function(CType result) implements CType {
    }

    /** A type with attributes of its own ({@code aligned}, {@code packed}, {@code mode}). */
    record Attributed(CType base, List<Attr> attrs) implements CType {
    }

    /** {@code typeof(...)}: a type name or an expression. */
    record Typeof(List<PpToken> operand) implements CType {
    }

    record Unknown(String reason) implements CType {
    }

    /** {@code bitWidth} null for an ordinary member; {@code name} null for an anonymous one. */
    record Member(String name, CType type, List<PpToken> bitWidth, List<Attr> attrs) {
    }

    record Enumerator(String name, List<PpToken> value) {
    }

    /**
     * One attribute: name without surrounding underscores ({@code aligned},
     * {@code section}, {@code packed}), its argument tokens, and the source
     * tokens [{@code srcFirst}, {@code srcLast}] it came from (a macro
     * invocation such as {@code __page_aligned_bss} when it came through one).
     */
    record Attr(String name, List<PpToken> args, int srcFirst, int srcLast) {
    }
}
