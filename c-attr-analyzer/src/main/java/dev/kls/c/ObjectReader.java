package dev.kls.c;

import dev.kls.c.cond.Cond;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroDef;
import dev.kls.c.pp.MacroExpander;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType;
import dev.kls.c.types.DeclParser;
import dev.kls.c.types.Layout;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Reads the file-scope objects of one file, configuration-free: each
 * top-level declaration chunk is expanded with the macros the file and its
 * headers may define ({@link MacroIndex.FreeMacros}) and parsed; a macro with
 * several header definitions is tried with the others too, for the sections
 * they would give. Function definitions are left to {@link FunctionReader}.
 */
final class ObjectReader {

    private ObjectReader() {
    }

    /** The objects of the chunks {@code chunks} accepts, in source order. */
    static List<ObjectDecl> read(CFile cf, MacroIndex.FreeMacros macros, IntPredicate chunks) {
        FileModel f = cf.model();
        List<ObjectDecl> out = new ArrayList<>();
        for (int c = 0; c < f.chunkCount(); c++) {
            if (f.chunkIsFunction(c) || !chunks.test(c)) {
                continue;
            }
            List<PpToken> raw = new ArrayList<>();
            for (int i = f.chunkStart(c); i < f.chunkEnd(c); i++) {
                if (!f.isDirectiveToken(i) && f.chunkOf(i) == c) {
                    raw.add(PpToken.of(f.tokens().get(i), i));
                }
            }
            if (raw.isEmpty()) {
                continue;
            }
            macros.before = f.chunkStart(c);
            macros.ambiguousUsed.clear();
            List<PpToken> ex;
            try {
                ex = new MacroExpander(macros).expand(raw);
            } catch (MacroExpander.TooLarge e) {
                cf.gaveUp(f.tokenRange(raw.get(0).srcFirst, raw.get(raw.size() - 1).srcLast), e.getMessage());
                continue;
            }
            Map<String, Set<String>> otherSections = alternativeSections(macros, raw);
            DeclParser.Declaration d = new DeclParser(ex, null).declaration();
            if (d.typedef() || d.functionDefinition()) {
                continue;
            }
            Cond presence = f.presence(f.branchOf(f.chunkStart(c)));
            int ordinal = 0;
            for (DeclParser.Declarator dc : d.declarators()) {
                if (dc.name() == null || dc.nameToken() == null || dc.type() instanceof CType.Function) {
                    continue;
                }
                ObjectDecl od = toDecl(f, c, ordinal, d, dc, ex, raw, presence,
                        otherSections.getOrDefault(dc.name(), Set.of()));
                ordinal++;
                out.add(od);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Sections the declarators get when a macro with several definitions in
     * the headers (under different #ifs) takes one of its other definitions:
     * x86's {@code __cacheline_aligned_in_smp} is {@code __page_aligned_data} under X86_VSMP.
     */
    private static Map<String, Set<String>> alternativeSections(MacroIndex.FreeMacros macros, List<PpToken> raw) {
        Map<String, Set<String>> out = new HashMap<>();
        List<String> names = new ArrayList<>(macros.ambiguousUsed);
        for (String name : names.subList(0, Math.min(names.size(), 4))) {
            for (MacroDef alt : macros.alternativesOf(name)) {
                macros.override.put(name, alt);
                try {
                    List<PpToken> ex = new MacroExpander(macros).expand(raw);
                    for (DeclParser.Declarator dc : new DeclParser(ex, null).declaration().declarators()) {
                        for (CType.Attr a : dc.attrs()) {
                            if (a.name().equals("section") && dc.name() != null) {
                                out.computeIfAbsent(dc.name(), k -> new TreeSet<>()).add(sectionName(a.args()));
                            }
                        }
                    }
                } catch (MacroExpander.TooLarge e) {
                    // that alternative cannot be read; the others still count
                    out.computeIfAbsent("", k -> new TreeSet<>());
                } finally {
                    macros.override.remove(name);
                }
            }
        }
        return out;
    }

    private static ObjectDecl toDecl(FileModel f, int chunk, int ordinal, DeclParser.Declaration d, DeclParser.Declarator dc,
            List<PpToken> ex, List<PpToken> raw, Cond presence, Set<String> otherSections) {
        List<Token> toks = f.tokens();
        int first = raw.get(0).srcFirst;
        int last = raw.get(raw.size() - 1).srcLast;
        SourceRange range = f.tokenRange(first, last);
        PpToken nt = dc.nameToken();
        SourceRange nameRange = nt.srcFirst >= 0 ? f.tokenRange(nt.srcFirst, nt.srcLast) : range;
        List<ObjectDecl.Dimension> dims = new ArrayList<>();
        for (int[] span : dc.dimSpans()) {
            if (span[0] > span[1]) {
                // "[]": an empty range just before the ']'
                PpToken close = span[0] < ex.size() ? ex.get(span[0]) : null;
                int off = close != null && close.srcFirst >= 0 ? toks.get(close.srcFirst).start() : toks.get(first).start();
                dims.add(new ObjectDecl.Dimension("", f.range(off, off)));
                continue;
            }
            PpToken a = ex.get(span[0]);
            PpToken b = ex.get(span[1]);
            if (a.srcFirst < 0 || b.srcLast < 0) {
                dims.add(new ObjectDecl.Dimension(Layout.text(ex.subList(span[0], span[1] + 1)), nameRange));
                continue;
            }
            int s = toks.get(Math.min(a.srcFirst, b.srcFirst)).start();
            int e = toks.get(Math.max(a.srcLast, b.srcLast)).end();
            dims.add(new ObjectDecl.Dimension(f.text().substring(s, e), f.range(s, e)));
        }
        List<ObjectDecl.Attribute> attrs = new ArrayList<>();
        String section = null;
        String alignment = null;
        for (CType.Attr a : dc.attrs()) {
            String arg = a.name().equals("section") ? sectionName(a.args()) : Layout.text(a.args());
            SourceRange r = a.srcFirst() >= 0 && a.srcLast() >= 0 ? f.tokenRange(a.srcFirst(), a.srcLast()) : range;
            String macro = null;
            if (a.srcFirst() >= 0) {
                Token at = toks.get(a.srcFirst());
                if (at.kind() == TokenKind.IDENTIFIER && !at.text().equals("__attribute__")
                        && !at.text().equals("__attribute") && !at.text().equals("_Alignas")) {
                    macro = at.text();
                }
            }
            attrs.add(new ObjectDecl.Attribute(a.name(), arg, r, macro));
            if (a.name().equals("section")) {
                section = arg;
            } else if (a.name().equals("aligned")) {
                alignment = arg;
            }
        }
        // where "__aligned(...)" would go: right after the declarator's last token before '=' or ';'
        int endTok = dc.last() >= 0 && dc.last() < ex.size() ? dc.last() : ex.size() - 1;
        if (dc.initializer() != null) {
            int eq = endTok;
            while (eq > 0 && !(ex.get(eq).is("=") && ex.get(eq).srcFirst >= 0)) {
                eq--;
            }
            endTok = Math.max(eq - 1, 0);
        }
        PpToken lastTok = ex.get(endTok);
        int endOff = lastTok.srcLast >= 0 ? toks.get(lastTok.srcLast).end() : toks.get(last).end();
        SourceRange declEnd = f.range(endOff, endOff);
        String typeText = typeText(f, ex, raw, nt);
        Set<String> sections = new TreeSet<>(otherSections);
        if (section != null) {
            sections.add(section);
        }
        return new ObjectDecl(f.path(), dc.name(), d.storage(), typeText, presence, range, nameRange, dims, attrs,
                section, Set.copyOf(sections), alignment, dc.initializer() != null, declEnd, chunk, ordinal);
    }

    /** The source text from the start of the declaration to its first declarator's name. */
    private static String typeText(FileModel f, List<PpToken> ex, List<PpToken> raw, PpToken name) {
        if (name.srcFirst < 0 || raw.get(0).srcFirst < 0) {
            return "";
        }
        int s = f.tokens().get(raw.get(0).srcFirst).start();
        int e = f.tokens().get(name.srcFirst).start();
        return e > s ? f.text().substring(s, e).replaceAll("\\s+", " ").trim() : "";
    }

    static String sectionName(List<PpToken> args) {
        StringBuilder sb = new StringBuilder();
        for (PpToken t : args) {
            if (t.kind == TokenKind.STRING) {
                String s = t.text;
                sb.append(s, s.indexOf('"') + 1, Math.max(s.indexOf('"') + 1, s.length() - 1));
            }
        }
        return sb.length() == 0 ? Layout.text(args) : sb.toString();
    }
}
