package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.ObjectDecl;
import dev.kls.c.TokenInterest;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.provenance.Invocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's one walk over the C files, feeding every matcher rule of a run. */
class CMatchersTest {

    @TempDir
    Path tree;

    static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @BeforeEach
    void plainCTree() throws IOException {
        write(tree, "inc/io.h", "#define to_phys(x) __pa(x)\nstatic inline int h(void) { return foo(1); }\n");
        write(tree, "a.c", "#include \"inc/io.h\"\nint ga;\nint f(int x) { foo(x); bar(x); return to_phys(x); }\n");
        write(tree, "b.c", "int gb;\nint g(void) { return bar(2); }\n");
        write(tree, "arch/arm/c.c", "int gc;\nvoid k(void) { foo(3); }\n");
    }

    /** A matcher rule that reports what it was fed, one finding each, and records the files it saw. */
    static class Recorder implements CMatchers.Matching {
        final String id;
        final Set<String> extensions;
        final String textNeeded;
        final AtomicInteger interests = new AtomicInteger();
        final List<CFile> seen = Collections.synchronizedList(new ArrayList<>());

        Recorder(String id, Set<String> extensions, String textNeeded) {
            this.id = id;
            this.extensions = extensions;
            this.textNeeded = textNeeded;
        }

        final class Fed extends CMatchers.Interest {
            final List<Finding> found = new ArrayList<>();

            Fed() {
                super(extensions);
                if (textNeeded != null) {
                    wantCalls(n -> n.equals("foo"));
                    wantInvocations(Set.of("to_phys"));
                } else {
                    wantObjects();
                    wantFunctions();
                }
            }

            @Override
            protected boolean filtersText() {
                return textNeeded != null;
            }

            @Override
            protected boolean mayMatch(String text) {
                return text.contains(textNeeded);
            }

            @Override
            protected void file(CFile file) {
                seen.add(file);
            }

            @Override
            protected void object(CFile file, ObjectDecl object) {
                found.add(Finding.of(id, Severity.INFO, object.nameRange(), "object " + object.name()));
            }

            @Override
            protected void function(CFile file, FunctionDef function) {
                found.add(Finding.of(id, Severity.INFO, function.range(), "function " + function.name()));
            }

            @Override
            protected void call(CFile file, FunctionDef function, CallSite call) {
                found.add(Finding.of(id, Severity.INFO, call.range(), "call " + CMatchers.callee(call) + " in "
                        + function.name()));
            }

            @Override
            protected void invocation(CFile file, FunctionDef function, Invocations.Invocation inv) {
                found.add(Finding.of(id, Severity.INFO, inv.range(), "invocation " + inv.name() + "("
                        + String.join(", ", inv.argTexts()) + ")"));
            }
        }

        @Override
        public CMatchers.Interest interest(RuleContext context) {
            interests.incrementAndGet();
            return new Fed();
        }

        @Override
        public List<Finding> check(RuleContext context) throws Exception {
            Fed fed = CMatchers.fed(context, this);
            return fed.found;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String summary() {
            return "test";
        }

        @Override
        public Severity defaultSeverity() {
            return Severity.INFO;
        }

        @Override
        public Set<Input> inputs() {
            return Set.of(Input.C_FILES);
        }
    }

    private static List<String> messages(Report r, String id) {
        return r.findings().stream().filter(f -> f.ruleId().equals(id)).map(f -> f.file() + ":"
                + f.range().startLine() + " " + f.message()).toList();
    }

    @Test
    void oneWalkFeedsEveryRuleItsOwnInterestFromTheSameReading() {
        Recorder calls = new Recorder("calls", Set.of(".c"), "foo");
        Recorder decls = new Recorder("decls", Set.of(".c", ".h"), null);
        String buffer = "int gb2;\nint g(void) { return foo(2); }\n";
        CheckedTree ws = new CheckedTree(tree, null, null, List.of(), Map.of("b.c", buffer));
        Report r = new RuleEngine(List.of(calls, decls), RuleSettings.none(), new RuleEngine.Options(Duration.ofMinutes(2), 2))
                .run(ws);
        // a plain C tree: arch/arm is walked too; calls by callee name only, invocations of the named macro
        assertEquals(List.of("a.c:3 call foo in f", "a.c:3 invocation to_phys(x)", "arch/arm/c.c:2 call foo in k",
                "b.c:2 call foo in g"), messages(r, "calls"));
        assertEquals(List.of("a.c:2 object ga", "a.c:3 function f", "arch/arm/c.c:1 object gc",
                "arch/arm/c.c:2 function k", "b.c:1 object gb2", "b.c:2 function g", "inc/io.h:2 function h"),
                messages(r, "decls"));
        assertEquals(1, calls.interests.get());
        assertEquals(1, decls.interests.get());
        // b.c is an editor buffer, which the project does not cache: one instance means one reading
        CFile fromCalls = calls.seen.stream().filter(f -> f.path().equals("b.c")).findFirst().orElseThrow();
        CFile fromDecls = decls.seen.stream().filter(f -> f.path().equals("b.c")).findFirst().orElseThrow();
        assertSame(fromCalls, fromDecls);
        // the text pre-filter: b.c on disk names no foo, but its buffer does
        assertEquals(List.of("a.c", "arch/arm/c.c", "b.c"), calls.seen.stream().map(CFile::path).toList());
    }

    @Test
    void aRuleCheckedOutsideAnEngineWalksForItself() throws Exception {
        Recorder calls = new Recorder("calls", Set.of(".c"), "foo");
        List<Finding> found = calls.check(new RuleContext(new CheckedTree(tree, null, null, List.of(), Map.of())));
        assertEquals(3, found.size(), found.toString());
        assertEquals(List.of("a.c", "arch/arm/c.c"), calls.seen.stream().map(CFile::path).toList());
    }

    @Test
    void aRuleWhoseInterestFailsIsAnInternalErrorAndTheOthersAreFed() {
        Recorder decls = new Recorder("decls", Set.of(".c"), null);
        Recorder broken = new Recorder("broken", Set.of(".c"), null) {
            @Override
            public CMatchers.Interest interest(RuleContext context) {
                throw new IllegalStateException("no interest");
            }
        };
        Report r = new RuleEngine(List.of(broken, decls), RuleSettings.none(), new RuleEngine.Options(Duration.ofMinutes(2), 1))
                .run(new CheckedTree(tree, null, null, List.of(), Map.of()));
        assertEquals(6, messages(r, "decls").size(), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.ruleId().equals(RuleEngine.INTERNAL_ERROR)
                && f.message().contains("broken") && f.message().contains("no interest")), r.findings().toString());
    }

    /** String literals naming a "hot" section: the token interest of {@link Sections}. */
    record Hot() implements TokenInterest {
        @Override
        public boolean matches(dev.kls.c.lex.Token t) {
            return t.kind() == TokenKind.STRING && t.text().contains("hot");
        }
    }

    /**
     * A rule that wants the objects mentioning "hot", pre-filters all files at
     * once with the project's index, notes the files the reader fails on
     * ({@code notes}) unless {@code strict}, and fails on {@code poisoned}.
     */
    static class Sections extends Recorder {
        final boolean strict;
        final String poisoned;
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

        Sections(String id, boolean strict, String poisoned) {
            super(id, Set.of(".c"), null);
            this.strict = strict;
            this.poisoned = poisoned;
        }

        @Override
        public CMatchers.Interest interest(RuleContext context) {
            interests.incrementAndGet();
            return new Hits();
        }

        final class Hits extends CMatchers.Interest {
            final List<Finding> found = new ArrayList<>();

            Hits() {
                super(Set.of(".c"));
                wantObjectsMentioning(new Hot());
            }

            @Override
            protected List<String> mayMatch(CProject project, List<String> files) {
                batches.add(files);
                return project.filesMentioning(new Hot(), files);
            }

            @Override
            protected boolean mayMatch(CFile file) {
                if (file.path().equals(poisoned)) {
                    throw new IllegalStateException("poisoned " + file.path());
                }
                return true;
            }

            @Override
            protected void file(CFile file) {
                seen.add(file);
            }

            @Override
            protected void object(CFile file, ObjectDecl object) {
                found.add(Finding.of(id, Severity.INFO, object.nameRange(), "object " + object.name()));
            }

            @Override
            protected void failed(String path, CFile file, Throwable error) {
                if (strict) {
                    super.failed(path, file, error);
                }
                found.add(Finding.of(id, Severity.INFO, dev.kls.kconfig.SourceRange.point(path, 1, 1),
                        "failed " + error.getMessage()));
            }
        }

        @Override
        public List<Finding> check(RuleContext context) throws Exception {
            Hits fed = CMatchers.fed(context, this);
            return fed.found;
        }
    }

    @Test
    void objectsMentioningAfterOneFilterOverAllFilesAndAFailingFileIsTheRulesOwn() throws IOException {
        write(tree, "hot.c", "static int cold1;\nstatic int h1 __attribute__((section(\"hot\")));\nint cold2;\n");
        write(tree, "hot2.c", "#define HOT __attribute__((section(\".hot.data\")))\nstatic int h2 HOT;\n");
        Sections tolerant = new Sections("tolerant", false, "hot2.c");
        Sections strict = new Sections("strict", true, "hot2.c");
        Sections plain = new Sections("plain", false, null);
        Recorder decls = new Recorder("decls", Set.of(".c"), null);
        // b.c as an editor buffer: not in the batch (its disk text is not what is read), seen through its text
        String buffer = "int gb3 __attribute__((section(\"hot\")));\n";
        CheckedTree ws = new CheckedTree(tree, null, null, List.of(), Map.of("b.c", buffer));
        Report r = new RuleEngine(List.of(tolerant, strict, plain, decls), RuleSettings.none(),
                new RuleEngine.Options(Duration.ofMinutes(2), 2)).run(ws);
        // the batch filter saw every .c on disk, once, and kept the files that name a hot section
        assertEquals(List.of(List.of("a.c", "arch/arm/c.c", "hot.c", "hot2.c")), plain.batches);
        assertEquals(List.of("b.c", "hot.c", "hot2.c"), plain.seen.stream().map(CFile::path).toList());
        // only the objects whose declarations mention one (through a macro too)
        assertEquals(List.of("b.c:1 object gb3", "hot.c:2 object h1", "hot2.c:2 object h2"), messages(r, "plain"));
        // the file the tolerant rule's reading failed on is its note; the rest is fed
        assertEquals(List.of("b.c:1 object gb3", "hot.c:2 object h1", "hot2.c:1 failed poisoned hot2.c"),
                messages(r, "tolerant"));
        // a rule that does not handle it fails alone, as an internal error; every other rule was fed in full
        assertTrue(r.findings().stream().anyMatch(f -> f.ruleId().equals(RuleEngine.INTERNAL_ERROR)
                && f.message().contains("strict") && f.message().contains("poisoned hot2.c")), r.findings().toString());
        assertEquals(List.of(), messages(r, "strict"));
        assertTrue(messages(r, "decls").containsAll(List.of("hot.c:1 object cold1", "hot.c:3 object cold2",
                "hot2.c:2 object h2")), messages(r, "decls").toString());
        assertEquals(1, plain.interests.get());
    }
}
