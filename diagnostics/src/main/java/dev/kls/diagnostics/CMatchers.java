package dev.kls.diagnostics;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.ObjectDecl;
import dev.kls.c.TokenInterest;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.Exprs;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.provenance.Invocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

/**
 * Matchers over the C files, fed by one walk for all the rules of a run: a
 * rule ({@link Matching}) says what it wants to see ({@link Interest}: file-
 * scope objects, function definitions, calls by callee, invocations of named
 * macros or functions) and which files may hold it (cheap pre-filters on the
 * text or the tokens, one over all the files at once); the walk reads each
 * file once (in parallel: the read
 * is most of the cost), then feeds every interested rule in file order. A
 * rule's check then asks {@link #fed} for its interest, filled, and makes its
 * findings from what it collected. Files of another SRCARCH's {@code arch/}
 * folder are not walked when the tree has a Kconfig.
 */
public final class CMatchers {

    private CMatchers() {
    }

    /** A rule that reads the C files through the engine's walk. */
    public interface Matching extends Rule {
        /** What the rule wants of the C files in this run (a new interest per run: it collects). */
        Interest interest(RuleContext context) throws Exception;
    }

    /**
     * One rule's interest in one run. Subclasses say what to read with the
     * {@code want...} methods in their constructor, override the callbacks
     * they need, and collect what they are fed. Callbacks come on one
     * thread, file by file in path order; within a file: {@link #file},
     * then the objects, then per function definition {@link #function}, its
     * calls and its invocations, in source order.
     */
    public abstract static class Interest {
        private final Set<String> extensions;
        private boolean objects;
        private TokenInterest objectsMentioning;
        private boolean functions;
        private Predicate<String> callees;
        private Set<String> invocations;

        /** @param extensions the file name endings looked at (".c", ".h") */
        protected Interest(Set<String> extensions) {
            this.extensions = Set.copyOf(extensions);
        }

        /** Feed {@link #object} every file-scope object of the files kept. */
        protected final void wantObjects() {
            objects = true;
        }

        /**
         * Feed {@link #object} only the file-scope objects whose declarations
         * mention {@code interest} ({@link CFile#objectsMentioning}): only those
         * declarations are expanded, much cheaper than every object.
         */
        protected final void wantObjectsMentioning(TokenInterest interest) {
            objects = true;
            objectsMentioning = interest;
        }

        /** Feed {@link #function} every function definition of the files kept. */
        protected final void wantFunctions() {
            functions = true;
        }

        /** Feed {@link #call} every call site whose callee ({@link #callee}) {@code callee} accepts. */
        protected final void wantCalls(Predicate<String> callee) {
            callees = callee;
        }

        /** Feed {@link #invocation} the invocations of these macros or functions ({@link Invocations}). */
        protected final void wantInvocations(Set<String> names) {
            invocations = Set.copyOf(names);
        }

        /** Whether {@link #mayMatch(String)} is to be asked (it needs the file's text read first). */
        protected boolean filtersText() {
            return false;
        }

        /** A cheap pre-filter on a file's text, before it is read as C. */
        protected boolean mayMatch(String text) {
            return true;
        }

        /**
         * A pre-filter over all the files of the run at once, before any is
         * read as C: of {@code files} (tree-relative, in order; editor buffers
         * left out, {@link #mayMatch(CFile)} sees those), the ones that may
         * match, in their order. Cheaper per file than the others when it
         * indexes the project once ({@link CProject#filesMentioning}).
         */
        protected List<String> mayMatch(CProject project, List<String> files) {
            return files;
        }

        /** A cheap pre-filter on a file's tokens, before its objects or bodies are read. */
        protected boolean mayMatch(CFile file) {
            return true;
        }

        /** A file kept by the pre-filters, before what is fed of it. */
        protected void file(CFile file) {
        }

        protected void object(CFile file, ObjectDecl object) {
        }

        protected void function(CFile file, FunctionDef function) {
        }

        protected void call(CFile file, FunctionDef function, CallSite call) {
        }

        protected void invocation(CFile file, FunctionDef function, Invocations.Invocation invocation) {
        }

        /**
         * The reader failed on a file kept for this interest ({@code file} null
         * when the file itself could not be read, else its objects could not):
         * nothing more of it is fed. By default the rule fails with it; a rule
         * that notes such files and goes on overrides this.
         */
        protected void failed(String path, CFile file, Throwable error) {
            if (error instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) error;
        }

        private boolean readsBodies() {
            return functions || callees != null || invocations != null;
        }
    }

    /** The callee as written: a name, or the dotted member path ({@code x86_init.mapping.pagetable_reserve}). */
    public static String callee(CallSite call) {
        CallSite.Callee c = call.callee();
        if (c.kind() == CallSite.Kind.DIRECT) {
            return c.name();
        }
        return c.expr() == null ? c.name() : Exprs.text(c.expr()).replace(" ", "");
    }

    /**
     * The rule's interest after the run's walk fed it: the walk is done once
     * for every {@link Matching} rule the engine runs (by whichever asks
     * first); a rule run outside an engine gets a walk of its own, and so does
     * one whose shared walk was cancelled with the rule that ran it.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Interest> T fed(RuleContext context, Matching rule) throws Exception {
        Walk walk;
        try {
            walk = context.shared(Walk.class, c -> new Walk(c, c.matchingRules()));
        } catch (CancellationException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            // the rule that ran the shared walk was given up on (its time was up), not this one
            walk = new Walk(context, List.of(rule));
        }
        if (!walk.interests.containsKey(rule) && !walk.failed.containsKey(rule)) {
            walk = new Walk(context, List.of(rule));
        }
        Exception e = walk.failed.get(rule);
        if (e != null) {
            throw e;
        }
        return (T) walk.interests.get(rule);
    }

    /** One walk over the C files for a set of rules. */
    static final class Walk {
        final Map<Rule, Interest> interests = new IdentityHashMap<>();
        final Map<Rule, Exception> failed = new IdentityHashMap<>();

        Walk(RuleContext context, List<Matching> rules) {
            for (Matching r : rules) {
                try {
                    interests.put(r, r.interest(context));
                } catch (Exception e) {
                    failed.put(r, e);
                }
            }
            try {
                run(context);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The files one interest looks at, and whether it is in them. */
        private void run(RuleContext context) throws IOException {
            List<Interest> all = new ArrayList<>(interests.values());
            if (all.isEmpty()) {
                return;
            }
            String srcarch = context.kconfig() == null ? "x86" : context.kconfig().environment().srcarch();
            Map<String, List<Interest>> byFile = new LinkedHashMap<>();
            Set<String> paths = new TreeSet<>();
            Map<Interest, Set<String>> theirs = new IdentityHashMap<>();
            CProject project = context.cProject();
            Set<String> buffers = context.workspace().overlays().keySet();
            for (Interest i : all) {
                Set<String> mine = new TreeSet<>();
                for (String f : i.extensions.isEmpty() ? List.<String>of() : context.sourceFiles(i.extensions)) {
                    if (context.kconfig() != null && f.startsWith("arch/") && !f.startsWith("arch/" + srcarch + "/")) {
                        continue; // another architecture's code is never built for this one
                    }
                    mine.add(f);
                }
                List<String> onDisk = mine.stream().filter(f -> !buffers.contains(f)).toList();
                List<String> kept = i.mayMatch(project, onDisk);
                if (kept != onDisk) {
                    mine.removeAll(onDisk);
                    mine.addAll(kept);
                }
                theirs.put(i, mine);
                paths.addAll(mine);
            }
            for (String f : paths) {
                List<Interest> in = new ArrayList<>();
                for (Interest i : all) {
                    if (theirs.get(i).contains(f)) {
                        in.add(i);
                    }
                }
                byFile.put(f, in);
            }
            // Reading (text, tokens, objects, bodies) is most of the cost: in parallel; feeding in file order after.
            List<Read> reads = byFile.entrySet().parallelStream().map(e -> read(context, project, e.getKey(),
                    e.getValue())).toList();
            Map<Interest, Rule> ruleOf = new IdentityHashMap<>();
            interests.forEach((rule, i) -> ruleOf.put(i, rule));
            for (Read r : reads) {
                context.checkCancelled();
                for (Map.Entry<Interest, Throwable> f : r.failures.entrySet()) {
                    Rule rule = ruleOf.get(f.getKey());
                    if (failed.containsKey(rule)) {
                        continue;
                    }
                    try {
                        f.getKey().failed(r.path, r.file, f.getValue());
                    } catch (RuntimeException | Error e) {
                        if (e instanceof CancellationException c) {
                            throw c;
                        }
                        // this rule fails with the file; the others go on
                        failed.put(rule, e instanceof Exception x ? x : new RuntimeException(e));
                    }
                }
                if (r.file != null) {
                    feed(r, i -> !failed.containsKey(ruleOf.get(i)));
                }
            }
        }

        /** One file as read for the interests kept, and those the reader failed for. */
        private record Read(String path, CFile file, List<Interest> kept, Map<Interest, Throwable> failures) {
            static Read nothing(String path) {
                return new Read(path, null, List.of(), Map.of());
            }
        }

        private static Read read(RuleContext context, CProject project, String path, List<Interest> interested) {
            context.checkCancelled();
            try {
                boolean buffer = context.workspace().overlays().containsKey(path);
                String text = null;
                if (buffer || interested.stream().anyMatch(Interest::filtersText)) {
                    // Read past the context's cache: over a whole tree, keeping every file's text costs gigabytes.
                    text = buffer ? context.text(path)
                            : new String(Files.readAllBytes(context.resolve(path)), StandardCharsets.UTF_8);
                }
                List<Interest> kept = new ArrayList<>();
                for (Interest i : interested) {
                    if (!i.filtersText() || i.mayMatch(text)) {
                        kept.add(i);
                    }
                }
                if (kept.isEmpty()) {
                    return Read.nothing(path);
                }
                CFile cf;
                try {
                    cf = buffer ? project.file(path, text) : project.file(path);
                } catch (RuntimeException | StackOverflowError e) {
                    if (e instanceof CancellationException c) {
                        throw c;
                    }
                    Map<Interest, Throwable> failures = new IdentityHashMap<>();
                    kept.forEach(i -> failures.put(i, e));
                    return new Read(path, null, List.of(), failures);
                }
                if (cf == null) {
                    return Read.nothing(path);
                }
                // each interest's own pre-filter and objects: what fails there is that interest's alone
                Map<Interest, Throwable> failures = new IdentityHashMap<>();
                List<Interest> matching = new ArrayList<>();
                for (Interest i : kept) {
                    try {
                        if (!i.mayMatch(cf)) {
                            continue;
                        }
                        if (i.objectsMentioning != null) {
                            cf.objectsMentioning(i.objectsMentioning);
                        }
                        matching.add(i);
                    } catch (RuntimeException | StackOverflowError e) {
                        if (e instanceof CancellationException c) {
                            throw c;
                        }
                        failures.put(i, e);
                    }
                }
                kept = matching;
                if (kept.stream().anyMatch(i -> i.objects && i.objectsMentioning == null)) {
                    cf.objects();
                }
                if (kept.stream().anyMatch(Interest::readsBodies)) {
                    cf.functions();
                }
                return new Read(path, cf, kept, failures);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static void feed(Read r, Predicate<Interest> live) {
            CFile cf = r.file;
            for (Interest i : r.kept) {
                if (!live.test(i)) {
                    continue;
                }
                i.file(cf);
                if (i.objects) {
                    for (ObjectDecl d : i.objectsMentioning != null ? cf.objectsMentioning(i.objectsMentioning)
                            : cf.objects()) {
                        i.object(cf, d);
                    }
                }
                if (!i.readsBodies()) {
                    continue;
                }
                for (FunctionDef fn : cf.functions().functions()) {
                    if (i.functions) {
                        i.function(cf, fn);
                    }
                    if (i.callees != null) {
                        for (CallSite call : fn.calls()) {
                            String name = callee(call);
                            if (name != null && i.callees.test(name)) {
                                i.call(cf, fn, call);
                            }
                        }
                    }
                    if (i.invocations != null) {
                        for (Invocations.Invocation inv : Invocations.find(cf, fn, i.invocations)) {
                            i.invocation(cf, fn, inv);
                        }
                    }
                }
            }
        }
    }
}
