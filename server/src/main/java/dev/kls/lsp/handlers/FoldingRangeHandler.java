package dev.kls.lsp.handlers;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Snapshot;
import dev.kls.c.CFile;
import dev.kls.c.ConditionalBlock;
import dev.kls.lsp.CSide;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;

/** Folds: menu/choice/if blocks, config entries and help texts in Kconfig; #if branches in C. */
public final class FoldingRangeHandler {

    private final CSide c;

    public FoldingRangeHandler(CSide c) {
        this.c = c;
    }

    public List<FoldingRange> ranges(Snapshot s, Document doc) {
        List<FoldingRange> out = new ArrayList<>();
        if (doc.kind() == FileKind.KCONFIG) {
            KconfigFile f = s.kconfigFile(doc);
            Set<Integer> blockStarts = new HashSet<>();
            walk(f.entries(), blockStarts, out);
            blocks(doc, blockStarts, out);
        } else if (doc.kind() == FileKind.C && doc.path() != null) {
            CFile cf = c.file(s, doc);
            for (ConditionalBlock b : cf == null ? List.<ConditionalBlock>of() : cf.conditionalBlocks()) {
                for (ConditionalBlock.Branch br : b.branches()) {
                    // From the directive to the body's last line (a body ending at column 1 ends the line before).
                    int last = br.body().endColumn() <= 1 ? br.body().endLine() - 1 : br.body().endLine();
                    add(out, br.directiveRange().startLine() - 1, last - 1, FoldingRangeKind.Region);
                }
            }
        }
        return out;
    }

    private static void walk(List<Entry> entries, Set<Integer> blockStarts, List<FoldingRange> out) {
        for (Entry e : entries) {
            if (e instanceof Entry.Menu m) {
                blockStarts.add(m.range().startLine());
                walk(m.body(), blockStarts, out);
            } else if (e instanceof Entry.Choice c) {
                blockStarts.add(c.range().startLine());
                walk(c.body(), blockStarts, out);
            } else if (e instanceof Entry.If i) {
                blockStarts.add(i.range().startLine());
                walk(i.body(), blockStarts, out);
            } else if (e instanceof Entry.Config c) {
                SourceRange r = DocumentSymbolHandler.extent(c);
                add(out, r.startLine() - 1, r.endLine() - 1, FoldingRangeKind.Region);
                for (Property p : c.properties()) {
                    if (p instanceof Property.Help h) {
                        add(out, h.range().startLine() - 1, h.range().endLine() - 1, FoldingRangeKind.Comment);
                    }
                }
            }
        }
    }

    /** A block runs from its opening line to its end keyword; the AST knows the openings, the text the ends. */
    private static void blocks(Document doc, Set<Integer> starts, List<FoldingRange> out) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int l = 0; l < doc.lines().lineCount(); l++) {
            String t = doc.lines().lineText(l).strip();
            if (starts.contains(l + 1)) {
                open.push(l);
            } else if ((t.equals("endmenu") || t.equals("endchoice") || t.equals("endif")
                    || t.startsWith("endmenu ") || t.startsWith("endchoice ") || t.startsWith("endif ")
                    || t.startsWith("endmenu#") || t.startsWith("endif#")) && !open.isEmpty()) {
                add(out, open.pop(), l, FoldingRangeKind.Region);
            }
        }
    }

    private static void add(List<FoldingRange> out, int start, int end, String kind) {
        if (end > start) {
            FoldingRange r = new FoldingRange(start, end);
            r.setKind(kind);
            out.add(r);
        }
    }
}
