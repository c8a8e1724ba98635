package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.graph.CallGraph;
import dev.kls.c.graph.Cycles;
import dev.kls.c.graph.Presence;
import dev.kls.c.graph.ProjectIndex;
import dev.kls.kconfig.SourceRange;

/**
 * Function bodies and the call graph on any text: the body parser, call and address-store collection,
 * the graph's build and its incremental update, and the cycle search (recursive-translation's path).
 */
public class CBodyFuzz {

    private static final CProject PROJECT = CProject.open(Inputs.scratch("cbody"), "x86");
    private static final String FILE = "drivers/fuzz.c";

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        CFile cf = PROJECT.file(FILE, text);
        FileBodies bodies = cf.functions();
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        for (FunctionDef f : bodies.functions()) {
            inside(f.range(), lines, "function " + f.name());
        }
        for (CallSite c : bodies.calls()) {
            inside(c.range(), lines, "call of " + c.function());
        }
        ProjectIndex index = new ProjectIndex();
        index.put(bodies);
        CallGraph graph = CallGraph.build(index);
        for (FunctionDef f : graph.functions()) {
            graph.outgoing(f);
            graph.incoming(f);
        }
        new Cycles(graph, Presence::freeSatisfiable, 8, 50).find(f -> true);
        // The editor's path: the same file edited (here: emptied) and the graph updated in place.
        CFile empty = PROJECT.file(FILE, "");
        index.put(empty.functions());
        graph.update(FILE, bodies);
    }

    /** A range the parser reports lies in the fuzzed file's lines (the file itself; macros may name others). */
    private static void inside(SourceRange r, long lines, String what) {
        if (r == null || !FILE.equals(r.file())) {
            return;
        }
        if (r.startLine() < 1 || r.startLine() > lines + 1 || r.endLine() < r.startLine() || r.startColumn() < 1) {
            throw new AssertionError(what + ": range outside the file (" + lines + " lines): " + r);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
