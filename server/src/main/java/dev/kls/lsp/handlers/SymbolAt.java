package dev.kls.lsp.handlers;

import dev.kls.kconfig.SourceRange;
import dev.kls.lsp.ConfigTextScanner;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.KconfigRefs;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import org.eclipse.lsp4j.Position;

/**
 * The config symbol under the cursor, whatever the file: a name in a Kconfig
 * file, {@code CONFIG_X} (or {@code CONFIG_X_MODULE}) in C and Makefiles, the
 * line of a .config.
 *
 * @param range the name only (no CONFIG_ prefix, no _MODULE suffix)
 */
public record SymbolAt(String name, SourceRange range) {

    private static final String PREFIX = "CONFIG_";

    public static SymbolAt find(Snapshot s, Document doc, Position pos) {
        String line = doc.lines().lineText(pos.getLine());
        String file = doc.path() != null ? doc.path() : doc.uri();
        int lineNo = pos.getLine() + 1;
        if (doc.kind() == FileKind.KCONFIG) {
            for (Occurrence o : KconfigRefs.of(s.kconfigFile(doc))) {
                if (o.range().startLine() == lineNo && pos.getCharacter() + 1 >= o.range().startColumn()
                        && pos.getCharacter() + 1 <= o.range().endColumn()) {
                    return new SymbolAt(o.name(), o.range());
                }
            }
            return null;
        }
        int c = Math.min(pos.getCharacter(), line.length());
        int start = c;
        while (start > 0 && ConfigTextScanner.isWord(line.charAt(start - 1))) {
            start--;
        }
        int end = c;
        while (end < line.length() && ConfigTextScanner.isWord(line.charAt(end))) {
            end++;
        }
        String word = line.substring(start, end);
        if (!word.startsWith(PREFIX) && doc.kind() == FileKind.DOTCONFIG) {
            // Anywhere on "CONFIG_X=v" or "# CONFIG_X is not set" means X.
            int at = line.startsWith(PREFIX) ? 0 : line.startsWith("# " + PREFIX) ? 2 : -1;
            if (at < 0) {
                return null;
            }
            start = at;
            end = at;
            while (end < line.length() && ConfigTextScanner.isWord(line.charAt(end))) {
                end++;
            }
            word = line.substring(start, end);
        }
        if (!word.startsWith(PREFIX) || word.length() == PREFIX.length()) {
            return null;
        }
        String name = word.substring(PREFIX.length());
        if (name.endsWith("_MODULE") && !s.defines(name)) {
            String base = name.substring(0, name.length() - "_MODULE".length());
            if (s.defines(base) || s.index() != null && s.index().definedAnywhere().contains(base)) {
                name = base;
            }
        }
        int col = start + PREFIX.length() + 1;
        return new SymbolAt(name, new SourceRange(file, lineNo, col, lineNo, col + name.length()));
    }
}
