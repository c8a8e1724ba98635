package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.user.RuleFiles;
import java.util.Set;

/**
 * User rule files (.kls/rules/*.json and the user's own folder): any text gives rules or findings with
 * the file and a line, never an exception or Gson's internals in a message.
 */
public class UserRuleFuzz {

    private static final Set<String> RESERVED = Set.of("page-aligned-size", "undefined-symbol", "kconfig-syntax");

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        RuleFiles.Loaded loaded = RuleFiles.parse(".kls/rules/fuzz.json", text, RESERVED);
        for (Finding f : loaded.problems()) {
            if (!f.hasLocation() || f.range().startLine() < 1
                    || Inputs.leaksGson(f.message(), text)) {
                throw new AssertionError("a rule-file problem without its place, or with Gson's internals: " + f);
            }
        }
        loaded.rules().forEach(r -> {
            if (RESERVED.contains(r.id())) {
                throw new AssertionError("a rule file took a built-in rule's id: " + r.id());
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
