package dev.kls.lsp.handlers;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.lsp.ConfigTextScanner;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Position;

/**
 * Completion by place: Kconfig statements at the start of a line, attributes
 * inside an entry, symbol names in expressions; CONFIG_ names in C and
 * Makefiles; in a .config, names at the start of a line and valid values
 * after '='.
 */
public final class CompletionHandler {

    static final int LIMIT = 500;
    static final List<String> STATEMENTS = List.of("config", "menuconfig", "choice", "endchoice", "menu", "endmenu",
            "if", "endif", "source", "rsource", "osource", "orsource", "comment", "mainmenu");
    static final List<String> ATTRIBUTES = List.of("bool", "tristate", "int", "hex", "string", "prompt", "default",
            "def_bool", "def_tristate", "depends on", "select", "imply", "range", "help", "visible if", "modules",
            "optional", "transitional");
    private static final Set<String> EXPRESSION_STARTS = Set.of("depends", "select", "imply", "if", "default",
            "def_bool", "def_tristate", "range", "visible");
    private static final Pattern DOTCONFIG_VALUE = Pattern.compile("^CONFIG_(\\w+)=(.*)$");
    private static final Pattern DOTCONFIG_NAME = Pattern.compile("^(# )?CONFIG_\\w*$");

    public CompletionList complete(Snapshot s, Document doc, Position pos) {
        String line = doc.lines().lineText(pos.getLine());
        String before = line.substring(0, Math.min(pos.getCharacter(), line.length()));
        int w = before.length();
        while (w > 0 && ConfigTextScanner.isWord(before.charAt(w - 1))) {
            w--;
        }
        String prefix = before.substring(w);
        String lead = before.substring(0, w);
        switch (doc.kind()) {
            case KCONFIG:
                return kconfig(s, lead, prefix);
            case C:
            case MAKEFILE:
                return prefix.isEmpty() || !"CONFIG_".startsWith(prefix) && !prefix.startsWith("CONFIG_")
                        ? new CompletionList(List.of()) : names(s, "CONFIG_", prefix);
            case DOTCONFIG:
                return dotconfig(s, before, prefix);
            default:
                return new CompletionList(List.of());
        }
    }

    private CompletionList kconfig(Snapshot s, String lead, String prefix) {
        String trimmed = lead.strip();
        if (trimmed.isEmpty()) {
            List<CompletionItem> items = new ArrayList<>();
            boolean indented = !lead.isEmpty();
            // Inside an entry (indented) attributes come first; at the margin, statements.
            keywords(items, indented ? ATTRIBUTES : STATEMENTS, "0");
            keywords(items, indented ? STATEMENTS : ATTRIBUTES, "1");
            return new CompletionList(items);
        }
        String first = trimmed.split("\\s+")[0];
        if (EXPRESSION_STARTS.contains(first) || trimmed.contains(" if ") || trimmed.endsWith(" if")
                || trimmed.endsWith("&&") || trimmed.endsWith("||") || trimmed.endsWith("!")
                || trimmed.endsWith("(") || trimmed.endsWith("=")) {
            if (first.equals("depends") && !trimmed.startsWith("depends on")) {
                return new CompletionList(List.of(keyword("on", "0")));
            }
            return names(s, "", prefix);
        }
        return new CompletionList(List.of());
    }

    private CompletionList dotconfig(Snapshot s, String before, String prefix) {
        Matcher m = DOTCONFIG_VALUE.matcher(before);
        if (m.matches()) {
            List<CompletionItem> items = new ArrayList<>();
            ConfigSymbol sym = s.model() == null ? null : s.model().symbol(m.group(1));
            SymbolValue now = s.value(m.group(1));
            if (sym != null && sym.type() != null) {
                List<String> values = switch (sym.type()) {
                    case BOOL -> List.of("y", "n");
                    case TRISTATE -> List.of("y", "m", "n");
                    case STRING -> now != null ? List.of("\"" + now.value() + "\"") : List.of("\"\"");
                    default -> now != null && !now.value().isEmpty() ? List.of(now.value()) : List.of();
                };
                for (String v : values) {
                    CompletionItem i = new CompletionItem(v);
                    i.setKind(CompletionItemKind.Value);
                    if (now != null && (v.equals(now.value()) || sym.type() == SymbolType.STRING)) {
                        i.setDetail("current value");
                    }
                    items.add(i);
                }
            }
            return new CompletionList(items);
        }
        if (DOTCONFIG_NAME.matcher(before).matches()) {
            return names(s, "CONFIG_", prefix);
        }
        return new CompletionList(List.of());
    }

    private static CompletionList names(Snapshot s, String macroPrefix, String typed) {
        List<CompletionItem> items = new ArrayList<>();
        if (s.model() == null) {
            return new CompletionList(true, items); // still reading the tree: ask again
        }
        String want = typed.startsWith(macroPrefix) ? typed.substring(macroPrefix.length()) : "";
        boolean incomplete = false;
        for (ConfigSymbol c : s.model().symbols().values()) {
            if (!c.name().startsWith(want)) {
                continue;
            }
            if (items.size() >= LIMIT) {
                incomplete = true;
                break;
            }
            CompletionItem i = new CompletionItem(macroPrefix + c.name());
            i.setKind(CompletionItemKind.Variable);
            SymbolValue v = s.value(c.name());
            i.setDetail((c.type() != null ? c.type().keyword() : "untyped") + (v != null ? " = " + v.value() : ""));
            items.add(i);
        }
        return new CompletionList(incomplete, items);
    }

    private static void keywords(List<CompletionItem> items, List<String> words, String rank) {
        for (String k : words) {
            items.add(keyword(k, rank));
        }
    }

    private static CompletionItem keyword(String k, String rank) {
        CompletionItem i = new CompletionItem(k);
        i.setKind(CompletionItemKind.Keyword);
        i.setSortText(rank + k);
        return i;
    }
}
