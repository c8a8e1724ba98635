package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleSettings;
import java.util.Set;

/** .kls.json (a workspace's settings) and the editor's initializationOptions / configuration JSON. */
public class SettingsFuzz {

    private static final Set<String> IDS = Set.of("undefined-symbol", "page-aligned-size", "kconfig-syntax");

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        RuleSettings s = RuleSettings.parse(text, IDS);
        for (Finding f : s.problems()) {
            // Gson's internals look like "at line 1 column 5 path $.rules" or name its JsonReader.
            if (!f.hasLocation() || f.range().startLine() < 1
                    || Inputs.leaksGson(f.message(), text)) {
                throw new AssertionError("a settings problem without its place, or with Gson's internals: " + f);
            }
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            return;
        }
        dev.kls.lsp.ServerSettings.merged(json, null, Inputs.ENV);
        dev.kls.lsp.ServerSettings.merged(null, json, Inputs.ENV);
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
