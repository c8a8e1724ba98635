package dev.kls.c;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.List;
import java.util.Set;

/**
 * A file-scope object declared in a C file, read without choosing a
 * configuration (macros resolved from the file and every header it may
 * include). {@code presence}: the #if conditions around it inside its file.
 * {@code section}/{@code alignment}: what its attributes say in this
 * configuration-free reading (null when none); {@link CProject#evaluate}
 * gives the exact values for one configuration. {@code possibleSections}
 * adds the sections it gets when an attribute macro takes another of its
 * definitions (x86's {@code __cacheline_aligned_in_smp} is
 * {@code __page_aligned_data} under X86_VSMP): filter candidates on it. Ranges are exact source
 * ranges for quick fixes: the whole declaration (to the ';'), the name, each
 * array dimension's expression (outermost first), each attribute as written
 * (a macro such as {@code __page_aligned_bss} when it came through one).
 */
public record ObjectDecl(String file, String name, String storage, String typeText, Cond presence, SourceRange range,
        SourceRange nameRange, List<Dimension> dimensions, List<Attribute> attributes, String section,
        Set<String> possibleSections, String alignment, boolean hasInitializer, SourceRange declaratorEnd, int chunk, int ordinal) {

    public ObjectDecl {
        dimensions = List.copyOf(dimensions);
        attributes = List.copyOf(attributes);
    }

    /** An array dimension: its expression as written (empty for {@code []}) and where it is. */
    public record Dimension(String text, SourceRange range) {
    }

    /**
     * One attribute: {@code name} without underscores ("section", "aligned",
     * "packed", or an unexpanded macro's name), {@code argument} the argument
     * text after expansion (a section name unquoted), {@code range} as
     * written, {@code macro} the macro written there or null.
     */
    public record Attribute(String name, String argument, SourceRange range, String macro) {
    }

    public boolean isExtern() {
        return "extern".equals(storage);
    }
}
