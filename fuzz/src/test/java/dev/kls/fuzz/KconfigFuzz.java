package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.KconfigSeverity;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kconfig lexer, parser and loader, then the model and conf's olddefconfig over what they built:
 * any text gives diagnostics with ranges inside the file, never an exception.
 */
public class KconfigFuzz {

    private static final Path TREE = tree();

    private static Path tree() {
        Path t = Inputs.scratch("kconfig");
        try {
            Files.createDirectories(t.resolve("arch/x86"));
            Files.writeString(t.resolve("Kconfig"), "mainmenu \"fuzz\"\n\nsource \"arch/$(SRCARCH)/Kconfig\"\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return t;
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        String text = Inputs.text(data);
        KconfigFile f = KconfigLoader.parse("Kconfig", text, new MacroExpander(Inputs.ENV, null));
        Inputs.inside(f.diagnostics(), "Kconfig", text);

        Files.write(TREE.resolve("arch/x86/Kconfig"), data);
        Kconfig k;
        try {
            k = Kconfig.load(TREE, "x86", false, Inputs.ENV);
        } catch (Kconfig.InputException e) {
            return; // a clear input error (e.g. a source outside the tree) is a fine answer
        }
        Inputs.inside(k.diagnostics(), "arch/x86/Kconfig", text);
        if (k.count(KconfigSeverity.ERROR) == 0) {
            ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, DotConfig.empty(".config"));
        }
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) throws Exception {
        fuzzerTestOneInput(data);
    }
}
