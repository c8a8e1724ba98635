package dev.kls.c.provenance;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * One place a pointer value may point into, with where that address was made.
 *
 * @param region   what kind of memory
 * @param name     the object (a per-cpu or global variable) when known, else null
 * @param param    for {@link Region#PARAM}: the parameter's index, else -1
 * @param origin   the source text that produced the address ({@code per_cpu(gdt_page, cpu)})
 * @param at       where {@code origin} stands
 * @param via      the calls it came back through, innermost first (an inline function's call site)
 * @param interior the address was moved by pointer arithmetic: not the start of what was allocated
 * @param presence the condition under which the producing code is compiled
 */
public record Place(Region region, String name, int param, String origin, SourceRange at, List<SourceRange> via,
        boolean interior, Cond presence) {

    public Place {
        via = List.copyOf(via);
    }

    /** Where memory lives, as far as the analysis tells it. */
    public enum Region {
        /** Inside a per-cpu area (a DEFINE_PER_CPU object, or what per_cpu_ptr() and friends give). */
        PER_CPU,
        /** A named global object (its address is a symbol of the image). */
        GLOBAL,
        /** The kernel's linear map (kmalloc(), __va(), page_address()). */
        LINEAR,
        /** Whatever the caller passed as parameter {@link #param}: resolved at the call sites. */
        PARAM
    }

    static Place param(int i, String name) {
        return new Place(Region.PARAM, name, i, name, null, List.of(), false, Cond.TRUE);
    }

    Place under(Cond c) {
        return new Place(region, name, param, origin, at, via, interior, Cond.and(presence, c));
    }

    Place moved() {
        return interior ? this : new Place(region, name, param, origin, at, via, true, presence);
    }

    /** The same place, as seen after returning through a call at {@code call}. */
    Place through(SourceRange call, Cond c) {
        List<SourceRange> v = new ArrayList<>(via);
        v.add(call);
        return new Place(region, name, param, origin, at, v, interior, Cond.and(presence, c));
    }

    /** "per_cpu(gdt_page, cpu) at arch/x86/include/asm/desc.h:53" (the file as the tree names it). */
    public String describe() {
        return at == null ? origin : origin + " at " + at.file() + ":" + at.startLine();
    }
}
