package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic "which files mention these tokens" query a rule's pre-filter
 * stands on: a token of the file, or a macro (any definition, in any header
 * the file may include, through other macros) that can expand to one.
 */
class TokenMentionsTest {

    @TempDir
    Path tree;

    /** An identifier, by name. */
    record Named(String name) implements TokenInterest {
        @Override
        public boolean matches(Token t) {
            return t.kind() == TokenKind.IDENTIFIER && t.text().equals(name);
        }
    }

    static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void calls() throws IOException {
        write(tree, "include/linux/io.h", """
                #define __pa(x) ((unsigned long)(x) - PAGE_OFFSET)
                #ifdef CONFIG_A
                #define to_phys(x) __pa(x)
                #else
                #define to_phys(x) ((unsigned long)(x))
                #endif
                #define twice(x) to_phys(to_phys(x))
                #define unrelated(x) (x)
                """);
        write(tree, "a.c", "#include <linux/io.h>\nint f(void *p) { return twice(p); }\n");
        write(tree, "b.c", "#include <linux/io.h>\nint g(void *p) { return unrelated(p); }\n");
        write(tree, "c.c", "int h(void *p) { return __pa(p); }\n");
        write(tree, "d.c", "#define MINE(x) to_phys(x)\nint k;\n");
    }

    @Test
    void aFileMentionsWhatItsMacrosCanExpandTo() throws IOException {
        calls();
        CProject p = CProject.open(tree, "x86");
        List<String> files = List.of("a.c", "b.c", "missing.c", "c.c", "d.c");
        // a.c through twice -> to_phys (one of its definitions), c.c directly; d.c's own #define names
        // to_phys: the macros are the project's, not d.c's closure's, so it is kept (sound, not exact)
        assertEquals(List.of("a.c", "c.c", "d.c"), p.filesMentioning(new Named("__pa"), files));
        assertEquals(List.of("b.c"), p.filesMentioning(new Named("unrelated"), List.of("a.c", "b.c")));
        assertTrue(p.file("a.c").mentions(new Named("__pa")));
        assertFalse(p.file("b.c").mentions(new Named("__pa")));
        assertTrue(p.file("b.c", "#include <linux/io.h>\nint g(void *p) { return to_phys(p); }\n")
                .mentions(new Named("__pa")));
    }

    @Test
    void objectsMentioningAreThoseOfTheDeclarationsThatDo() throws IOException {
        write(tree, "include/linux/cache.h", """
                #define __section(s) __attribute__((__section__(s)))
                #define __hot __section(".text.hot")
                """);
        write(tree, "a.c", "#include <linux/cache.h>\nint x __hot;\nint y;\nstatic int z __section(\".q\");\n");
        CProject p = CProject.open(tree, "x86");
        List<ObjectDecl> all = p.file("a.c").objects();
        assertEquals(List.of("x", "y", "z"), all.stream().map(ObjectDecl::name).toList());
        List<ObjectDecl> some = CProject.open(tree, "x86").file("a.c").objectsMentioning(new Named("__section"));
        assertEquals(List.of(all.get(0), all.get(2)), some);
        // from the cached objects the same answer
        assertEquals(some, p.file("a.c").objectsMentioning(new Named("__section")));
        assertEquals(List.of(), p.file("a.c").objectsMentioning(new Named("nothing")));
    }

    @Test
    void aChangedHeaderIsSeenAfterInvalidate() throws IOException {
        calls();
        CProject p = CProject.open(tree, "x86");
        assertEquals(List.of("a.c", "c.c"), p.filesMentioning(new Named("__pa"), List.of("a.c", "b.c", "c.c")));
        write(tree, "include/linux/io.h", "#define twice(x) (x)\n#define unrelated(x) __pa(x)\n");
        p.invalidate("include/linux/io.h");
        assertEquals(List.of("b.c", "c.c"), p.filesMentioning(new Named("__pa"), List.of("a.c", "b.c", "c.c")));
    }
}
