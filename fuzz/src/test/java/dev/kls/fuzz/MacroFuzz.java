package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.kconfig.MacroExpander;

/** The Kconfig macro language ($(var), $(fn,args), user functions, :=, +=) on any text, running nothing. */
public class MacroFuzz {

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        MacroExpander m = new MacroExpander(Inputs.ENV, null);
        // Definitions first (as a Kconfig file's assignments would make them), then the expansion.
        int nl = text.indexOf('\n');
        if (nl > 0) {
            m.expand(text.substring(0, nl));
        }
        m.expand(text);
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
