package dev.kls.diagnostics.rules;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.ObjectDecl;
import dev.kls.c.TokenInterest;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * page-aligned-size's cheap pre-filter: which files, and which of their
 * declarations, may put an object in one of a set of sections under some
 * configuration, so that only those are read. Built on the C side's generic
 * {@link CProject#filesMentioning}: a file is kept when its text names a
 * macro that can expand to such a section (any definition, any
 * configuration) or holds a piece of a section name ({@link Pieces}).
 */
public final class SectionPrefilter {

    private SectionPrefilter() {
    }

    /**
     * A piece of one of the section names: a string literal of two or more
     * characters that is part of a name. A section attribute's name is the
     * concatenation of its string literals, so a name written across several
     * literals is still seen, unless every one of them is a single character.
     */
    public record Pieces(Set<String> sections) implements TokenInterest {
        public Pieces {
            sections = Set.copyOf(sections);
        }

        @Override
        public boolean matches(Token t) {
            if (t.kind() != TokenKind.STRING) {
                return false;
            }
            String s = t.text();
            int a = s.indexOf('"');
            int b = s.lastIndexOf('"');
            if (a < 0 || b - a - 1 < 2) {
                return false;
            }
            String content = s.substring(a + 1, b);
            for (String sec : sections) {
                if (sec.contains(content)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Of {@code files} (tree-relative), in their order, those that may declare
     * an object in one of {@code sections} under some configuration: the
     * others' {@link CFile#objects()} hold no object whose
     * {@link ObjectDecl#possibleSections()} meets {@code sections}. Missing
     * files are left out.
     */
    public static List<String> filesPossiblyIn(CProject project, Set<String> sections, Collection<String> files) {
        return project.filesMentioning(new Pieces(sections), files);
    }

    /** As {@link #filesPossiblyIn} for one file (an editor buffer too): false only when it cannot hold such an object. */
    public static boolean mayHoldSection(CFile cf, Set<String> sections) {
        return cf.mentions(new Pieces(sections));
    }

    /**
     * The objects of {@link CFile#objects()} that may be in one of
     * {@code sections}: every object whose possible sections meet them is
     * there, equal to its element of {@link CFile#objects()}, in the same
     * order; others may be too.
     */
    public static List<ObjectDecl> objectsPossiblyIn(CFile cf, Set<String> sections) {
        return cf.objectsMentioning(new Pieces(sections));
    }
}
