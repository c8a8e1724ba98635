package dev.kls.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.KconfigSeverity;
import dev.kls.kconfig.UnevaluatedMacro;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kls kconfig check}: reads every Kconfig file of a tree for one ARCH and reports what is wrong. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Parse the Kconfig tree for one ARCH and report errors and warnings.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no errors", "1:errors found", "2:bad usage or input"})
final class KconfigCheckCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    TreeOptions tree;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;


    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Kconfig k;
        try {
            k = tree.load();
        } catch (Kconfig.InputException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        TreeOptions.sayRelease(k, err);
        long errors = k.count(KconfigSeverity.ERROR);
        long warnings = k.count(KconfigSeverity.WARNING);
        int files = k.tree().files().size();
        int symbols = k.model().symbols().size();
        int nodes = k.model().menuNodeCount();
        int unevaluated = k.tree().unevaluated().size();
        int cached = k.cachedMacros().size();
        if (format == Format.json) {
            JsonObject o = new JsonObject();
            o.addProperty("srctree", k.tree().srctree().toString());
            o.addProperty("arch", k.environment().arch());
            o.addProperty("srcarch", k.environment().srcarch());
            o.addProperty("files", files);
            o.addProperty("symbols", symbols);
            o.addProperty("menuNodes", nodes);
            o.addProperty("errors", errors);
            o.addProperty("warnings", warnings);
            o.addProperty("unevaluatedMacros", unevaluated);
            o.addProperty("cachedMacros", cached);
            JsonArray diags = new JsonArray();
            for (Diagnostic d : k.diagnostics()) {
                JsonObject j = location(d.range());
                j.addProperty("severity", d.severity().label());
                j.addProperty("message", d.message());
                diags.add(j);
            }
            o.add("diagnostics", diags);
            JsonArray unev = new JsonArray();
            for (UnevaluatedMacro u : k.tree().unevaluated()) {
                JsonObject j = location(u.range());
                j.addProperty("text", u.text());
                j.addProperty("reason", u.reason());
                unev.add(j);
            }
            o.add("unevaluated", unev);
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
        } else {
            for (Diagnostic d : k.diagnostics()) {
                out.println(d.format());
            }
            for (UnevaluatedMacro u : k.tree().unevaluated()) {
                out.println(u.range() + ": note: not evaluated: " + u.text() + " (" + u.reason() + ")");
            }
            out.printf("files=%d symbols=%d menu-nodes=%d errors=%d warnings=%d unevaluated-macros=%d cached-macros=%d%n",
                    files, symbols, nodes, errors, warnings, unevaluated, cached);
        }
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    private static JsonObject location(SourceRange r) {
        JsonObject j = new JsonObject();
        j.addProperty("file", r.file());
        j.addProperty("line", r.startLine());
        j.addProperty("column", r.startColumn());
        j.addProperty("endLine", r.endLine());
        j.addProperty("endColumn", r.endColumn());
        return j;
    }
}
