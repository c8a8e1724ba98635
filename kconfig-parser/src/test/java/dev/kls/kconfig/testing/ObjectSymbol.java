package dev.kls.kconfig.testing;

import java.util.Set;

/**
 * One defined data symbol of a compiled object file, as the binutils report it.
 *
 * @param arch             the kbuild ARCH it was compiled for ({@code i386}, {@code x86_64})
 * @param file             the C source, relative to its tree ({@code arch/x86/xen/mmu.c})
 * @param name             the symbol
 * @param nmType           nm's letter for it ({@code b}, {@code D}, ...)
 * @param size             its size in bytes, from {@code nm -S}
 * @param section          the name of the section that holds it, from {@code readelf -s} and {@code -S}
 * @param offset           its value: the offset from the start of that section in the object file
 * @param sectionAlignment the section's alignment (sh_addralign) in the object file
 * @param alignment        the alignment gcc gave the object itself: the {@code .align} directive
 *                         before its label in gcc's assembly output (1 when there is none)
 */
public record ObjectSymbol(String arch, String file, String name, char nmType, long size, String section,
        long offset, long sectionAlignment, long alignment) {

    public static final long PAGE_SIZE = 4096;

    /** The section names rules.md calls page-aligned (the 2008 single-dot and the later double-dot forms). */
    public static final Set<String> PAGE_ALIGNED_SECTIONS = Set.of(".bss.page_aligned", ".bss..page_aligned",
            ".data.page_aligned", ".data..page_aligned");

    public boolean inPageAlignedSection() {
        return PAGE_ALIGNED_SECTIONS.contains(section);
    }

    /** Whether the object fills whole pages, so whatever follows it in the section stays page-aligned. */
    public boolean wholePages() {
        return size % PAGE_SIZE == 0;
    }

    /**
     * The alignment the object file guarantees for the object's address: the
     * section's alignment, reduced by the object's offset inside it.
     */
    public long placementAlignment() {
        return offset == 0 ? sectionAlignment : Math.min(sectionAlignment, Long.lowestOneBit(offset));
    }

    /** One line of {@link #table}. */
    String row() {
        return String.format("%-7s %-32s %-28s %-20s %9d %6d %6d %6d", arch, file, name, section, size, alignment,
                offset, sectionAlignment);
    }

    /** The symbols as a text table, one per line under a header. */
    public static String table(Iterable<ObjectSymbol> symbols) {
        StringBuilder sb = new StringBuilder(String.format("%-7s %-32s %-28s %-20s %9s %6s %6s %6s%n", "arch", "file",
                "symbol", "section", "size", "align", "offset", "secal"));
        for (ObjectSymbol s : symbols) {
            sb.append(s.row()).append('\n');
        }
        return sb.toString();
    }
}
