package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.Configuration;
import dev.kls.c.ObjectDecl;
import java.util.Map;

/**
 * The C side on any text: tokenizer, preprocessor model (conditions, macro expansion), declarations, and
 * the constant evaluator (object sizes under a configuration).
 */
public class CFileFuzz {

    private static final CProject PROJECT = CProject.open(Inputs.scratch("c"), "x86");
    private static final Configuration CONFIG = PROJECT.configuration(Map.of("X86_64", "y", "64BIT", "y",
            "NR_CPUS", "64"));

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        CFile cf = PROJECT.file("drivers/fuzz.c", text);
        cf.conditionalBlocks();
        cf.configReferences();
        for (ObjectDecl d : cf.objects()) {
            PROJECT.evaluate(cf, d, CONFIG);
        }
        PROJECT.inactiveRanges(cf, CONFIG);
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
