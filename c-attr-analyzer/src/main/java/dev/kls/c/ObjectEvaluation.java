package dev.kls.c;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A declaration under one configuration. {@code present}: whether it is
 * compiled at all (its #if branches are taken). {@code size} empty with
 * {@code unknownReason} when it cannot be computed (never a guess).
 * {@code explicitAlignment}: the largest aligned() it carries, empty when
 * none; {@code typeAlignment}: its type's alignment. {@code touchedSymbols}:
 * the Kconfig symbols the result depended on — the conditions around the
 * declaration and around every macro definition, typedef and struct it used
 * (and the #includes that brought them in), CONFIG_ macros read, and the
 * symbols that chose the ABI. {@code missingHeaders}: includes not found.
 */
public record ObjectEvaluation(ObjectDecl decl, Configuration configuration, boolean present, OptionalLong size,
        String unknownReason, String section, OptionalLong explicitAlignment, OptionalLong typeAlignment,
        Set<String> touchedSymbols, List<String> missingHeaders) {

    public boolean sizeKnown() {
        return size.isPresent();
    }
}
