package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.provenance.Invocations;
import dev.kls.c.provenance.Place;
import dev.kls.c.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where pointers point (percpu-pa's provenance) on any text: every argument of every call is followed
 * through locals and one level of callers, and the editor's hover path ({@code pointerAt}) is asked at
 * every call. Nothing may throw, and every place found is one of the known regions.
 */
public class ProvenanceFuzz {

    private static final Path TREE = Inputs.scratch("provenance");
    private static final String FILE = "arch/x86/fuzz.c";
    private static final Set<String> CALLS = Set.of("__pa", "virt_to_phys", "per_cpu_ptr", "this_cpu_ptr",
            "per_cpu", "f", "g");

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        try {
            // on disk too: the callers of a parameter are searched in the indexed files
            Files.createDirectories(TREE.resolve("arch/x86"));
            Files.writeString(TREE.resolve(FILE), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CProject project = CProject.open(TREE, "x86");
        CFile cf = project.file(FILE, text);
        Provenance prov = new Provenance(project);
        prov.index(List.of(FILE));
        for (FunctionDef fn : cf.functions().functions()) {
            for (Invocations.Invocation inv : Invocations.find(cf, fn, CALLS)) {
                for (var arg : inv.args()) {
                    if (arg == null) {
                        continue;
                    }
                    for (Place p : prov.valueWithCallers(cf, fn, arg, 1)) {
                        if (p.region() == null) {
                            throw new AssertionError("a place without a region: " + p);
                        }
                        p.describe();
                    }
                    prov.typeOf(cf, fn, arg);
                }
                if (inv.range() != null) {
                    prov.pointerAt(cf, inv.range().startLine(), inv.range().startColumn())
                            .ifPresent(Provenance.Hit::describe);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
