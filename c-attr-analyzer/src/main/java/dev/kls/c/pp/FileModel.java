package dev.kls.c.pp;

import dev.kls.c.cond.Cond;
import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.LineMap;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One C file, tokenized once and read for its structure, with no
 * configuration chosen: every directive, every conditional branch with its
 * presence condition, every macro definition and include, the include
 * guard, and the file cut into top-level declaration chunks (split at ';'
 * and function bodies) for demand-driven lookups.
 */
public final class FileModel {

    private final String path;
    private final String text;
    private final LineMap lines;
    private final List<Token> tokens;
    private final int[] tokenBranch;
    private final boolean[] directiveToken;
    private final List<Directive> directives = new ArrayList<>();
    private final List<Branch> branches = new ArrayList<>();
    private final List<int[]> blocks = new ArrayList<>(); // block id -> branch ids
    private final List<MacroDef> macros = new ArrayList<>();
    private final Map<Integer, MacroDef> macroByDirective = new HashMap<>();
    private final Map<Integer, Include> includeByDirective = new HashMap<>();
    private final List<Include> includes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final int[] blockEnd; // block id -> offset after its #endif line
    private String guard;
    private int guardBranch = -1;
    /** The declaration chunks, cut on first use: a header read only for its directives never needs them. */
    private volatile Chunks chunks;

    private record Chunks(int[] start, int[] end, boolean[] function, int[] ofToken) {
    }
    private volatile Map<String, int[]> identIndex;
    private volatile Map<String, List<MacroDef>> liveMacros;

    private FileModel(String path, String text, PpEnvironment env) {
        this.path = path;
        this.text = text;
        this.envHolder = env;
        this.lines = new LineMap(path, text);
        this.tokens = CTokenizer.tokenize(text);
        this.tokenBranch = new int[tokens.size()];
        this.directiveToken = new boolean[tokens.size()];
        List<Integer> blockEnds = new ArrayList<>();
        scanDirectives(env, blockEnds);
        this.blockEnd = blockEnds.stream().mapToInt(Integer::intValue).toArray();
        detectGuard();
    }

    public static FileModel parse(String path, String text, PpEnvironment env) {
        return new FileModel(path, text, env);
    }

    // ---------------------------------------------------------------- directives

    private static final Set<String> CONDITIONALS = Set.of("if", "ifdef", "ifndef", "elif", "elifdef", "elifndef",
            "else", "endif");

    private record Open(int block, List<Integer> branchIds, int enclosing, Cond negated) {
    }

    private void scanDirectives(PpEnvironment env, List<Integer> blockEnds) {
        Deque<Open> stack = new ArrayDeque<>();
        int current = -1;
        int i = 0;
        int n = tokens.size();
        while (i < n) {
            Token t = tokens.get(i);
            if (!(t.bol() && t.is("#"))) {
                tokenBranch[i] = current;
                i++;
                continue;
            }
            int hash = i;
            int j = i + 1;
            while (j < n && !tokens.get(j).bol()) {
                j++;
            }
            for (int k = hash; k < j; k++) {
                directiveToken[k] = true;
                tokenBranch[k] = current;
            }
            String name = hash + 1 < j && tokens.get(hash + 1).kind() == TokenKind.IDENTIFIER ? tokens.get(hash + 1).text()
                    : "";
            int first = Math.min(hash + 2, j);
            if (name.isEmpty()) {
                first = hash + 1;
            }
            int lineEnd = lineEndOffset(tokens.get(j - 1).end());
            SourceRange range = lines.range(t.start(), tokens.get(j - 1).end());
            int index = directives.size();
            int enclosing = current;
            int opens = -1;
            if (CONDITIONALS.contains(name)) {
                switch (name) {
                    case "if":
                    case "ifdef":
                    case "ifndef": {
                        Cond c = condition(name, first, j);
                        int block = blockEnds.size();
                        blockEnds.add(text.length());
                        blocks.add(null);
                        Open o = new Open(block, new ArrayList<>(), current, Cond.not(c));
                        opens = addBranch(block, current, name, c, c, range, index, lineEnd, true);
                        o.branchIds.add(opens);
                        stack.push(o);
                        current = opens;
                        break;
                    }
                    case "elif":
                    case "elifdef":
                    case "elifndef":
                    case "else": {
                        if (stack.isEmpty()) {
                            problems.add(path + ":" + range.startLine() + ": #" + name + " without #if");
                            break;
                        }
                        Open o = stack.pop();
                        enclosing = o.enclosing;
                        closeBranch(current, t.start());
                        Cond c = name.equals("else") ? Cond.TRUE
                                : condition(name.equals("elif") ? "if" : name.equals("elifdef") ? "ifdef" : "ifndef",
                                        first, j);
                        Cond eff = Cond.and(o.negated, c);
                        boolean firstLive = true;
                        for (int b : o.branchIds) {
                            if (!(branches.get(b).condition() instanceof Cond.False)) {
                                firstLive = false;
                            }
                        }
                        opens = addBranch(o.block, o.enclosing, name, c, eff, range, index, lineEnd, firstLive);
                        o.branchIds.add(opens);
                        stack.push(new Open(o.block, o.branchIds, o.enclosing, Cond.and(o.negated, Cond.not(c))));
                        current = opens;
                        break;
                    }
                    default: { // endif
                        if (stack.isEmpty()) {
                            problems.add(path + ":" + range.startLine() + ": #endif without #if");
                            break;
                        }
                        Open o = stack.pop();
                        enclosing = o.enclosing;
                        closeBranch(current, t.start());
                        blocks.set(o.block, o.branchIds.stream().mapToInt(Integer::intValue).toArray());
                        blockEnds.set(o.block, lineEnd);
                        current = o.enclosing;
                        for (int k = hash; k < j; k++) {
                            tokenBranch[k] = current;
                        }
                        break;
                    }
                }
            } else if (name.equals("define")) {
                defineMacro(first, j, current, range);
            } else if (name.equals("include") || name.equals("include_next")) {
                include(first, j, name.equals("include_next"), index, current, range);
            }
            directives.add(new Directive(name, hash, first, j, enclosing, opens, range));
            i = j;
        }
        while (!stack.isEmpty()) {
            Open o = stack.pop();
            problems.add(path + ": unterminated #if (branch " + o.branchIds.get(0) + ")");
            closeBranch(current, text.length());
            blocks.set(o.block, o.branchIds.stream().mapToInt(Integer::intValue).toArray());
            current = o.enclosing;
        }
    }

    private int lineEndOffset(int offset) {
        int e = text.indexOf('\n', offset);
        return e < 0 ? text.length() : e + 1;
    }

    private int addBranch(int block, int parent, String kind, Cond own, Cond eff, SourceRange range, int index,
            int bodyStart, boolean firstLive) {
        int id = branches.size();
        branches.add(new Branch(id, block, parent, kind, own, eff, range, index, bodyStart, text.length(), firstLive));
        return id;
    }

    private void closeBranch(int id, int bodyEnd) {
        if (id >= 0) {
            Branch b = branches.get(id);
            branches.set(id, new Branch(b.id(), b.block(), b.parent(), b.kind(), b.condition(), b.effective(),
                    b.directive(), b.directiveIndex(), b.bodyStart(), Math.max(bodyEnd, b.bodyStart()), b.firstLive()));
        }
    }

    private Cond condition(String kind, int first, int end) {
        if (kind.equals("if")) {
            return CondParser.parse(tokens, first, end, text, lines, envHolder);
        }
        if (first >= end) {
            return Cond.TRUE;
        }
        Token name = tokens.get(first);
        Cond.Opaque unknown = new Cond.Opaque("defined(" + name.text() + ")", lines.range(name.start(), name.end()));
        Cond c = CondParser.defined(name.text(), envHolder, unknown);
        return kind.equals("ifndef") ? Cond.not(c) : c;
    }

    private PpEnvironment envHolder;

    private void defineMacro(int first, int end, int branch, SourceRange range) {
        if (first >= end || tokens.get(first).kind() != TokenKind.IDENTIFIER) {
            problems.add(path + ":" + range.startLine() + ": #define without a macro name");
            return;
        }
        Token name = tokens.get(first);
        int k = first + 1;
        List<String> params = null;
        boolean variadic = false;
        if (k < end && tokens.get(k).is("(") && !tokens.get(k).space()) {
            params = new ArrayList<>();
            k++;
            while (k < end && !tokens.get(k).is(")")) {
                Token p = tokens.get(k);
                if (p.is("...")) {
                    params.add("__VA_ARGS__");
                    variadic = true;
                } else if (p.kind() == TokenKind.IDENTIFIER) {
                    if (k + 1 < end && tokens.get(k + 1).is("...")) {
                        variadic = true;
                        k++;
                    }
                    params.add(p.text());
                }
                k++;
            }
            k++;
        }
        List<Token> body = List.copyOf(tokens.subList(Math.min(k, end), end));
        MacroDef def = new MacroDef(name.text(), params == null ? null : List.copyOf(params), variadic, body, path,
                branch, range);
        macros.add(def);
        macroByDirective.put(directives.size(), def);
    }

    private void include(int first, int end, boolean next, int index, int branch, SourceRange range) {
        int before = includes.size();
        addInclude(first, end, next, index, branch, range);
        if (includes.size() > before) {
            includeByDirective.put(index, includes.get(before));
        }
    }

    private void addInclude(int first, int end, boolean next, int index, int branch, SourceRange range) {
        if (first >= end) {
            return;
        }
        Token t = tokens.get(first);
        if (t.kind() == TokenKind.STRING && t.text().startsWith("\"")) {
            String s = t.text();
            includes.add(new Include(s.substring(1, Math.max(1, s.length() - 1)), false, next, index, branch, range));
        } else if (t.is("<")) {
            int close = text.indexOf('>', t.end());
            int eol = lineEndOffset(t.end());
            if (close > 0 && close < eol) {
                includes.add(new Include(text.substring(t.end(), close).trim(), true, next, index, branch, range));
            }
        } else {
            includes.add(new Include(null, false, next, index, branch, range));
        }
    }

    /** #ifndef X / #define X ... #endif with nothing outside, or #pragma once. */
    private void detectGuard() {
        for (Directive d : directives) {
            if (d.name().equals("pragma") && d.first() < d.end() && tokens.get(d.first()).is("once")) {
                guard = "#pragma once";
                return;
            }
        }
        if (directives.size() < 3) {
            return;
        }
        Directive d0 = directives.get(0);
        Directive d1 = directives.get(1);
        if (d0.hash() != 0 && !firstTokensAreDirectives(d0.hash())) {
            return;
        }
        String name = null;
        if (d0.name().equals("ifndef") && d0.first() < d0.end()) {
            name = tokens.get(d0.first()).text();
        } else if (d0.name().equals("if") && d0.end() - d0.first() >= 3 && tokens.get(d0.first()).is("!")
                && tokens.get(d0.first() + 1).is("defined")) {
            int k = d0.first() + 2;
            if (tokens.get(k).is("(")) {
                k++;
            }
            name = k < d0.end() ? tokens.get(k).text() : null;
        }
        if (name == null || !d1.name().equals("define") || d1.first() >= d1.end()
                || !tokens.get(d1.first()).text().equals(name)) {
            return;
        }
        int block = branches.get(d0.opens()).block();
        int[] ids = blocks.get(block);
        if (ids == null || ids.length != 1) {
            return;
        }
        // nothing but white space after the #endif
        int after = blockEnd[block];
        if (tokens.isEmpty() || tokens.get(tokens.size() - 1).start() < after) {
            guard = name;
            guardBranch = d0.opens();
        }
    }

    private boolean firstTokensAreDirectives(int hash) {
        for (int i = 0; i < hash; i++) {
            if (!directiveToken[i]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- chunks

    /**
     * Whether a token sits in a branch no kernel C build takes (#ifdef __ASSEMBLY__, #if 0);
     * sets secondary[0] when one of its branches does not count braces.
     */
    private boolean deadOrSecondary(int tok, boolean[] secondary, boolean[] counting) {
        int b = tokenBranch[tok];
        while (b >= 0) {
            Branch br = branches.get(b);
            if (br.effective() instanceof Cond.False) {
                return true;
            }
            if (!counting[b]) {
                secondary[0] = true;
            }
            b = br.parent();
        }
        return false;
    }

    /**
     * Branches whose braces count: all of a block's branches when they open and
     * close the same number of braces (the usual case), else only its first
     * live branch, as the alternatives then repeat one opening (ctags does the same).
     */
    private boolean[] countingBranches() {
        int[] delta = new int[branches.size()];
        for (int i = 0; i < tokens.size(); i++) {
            if (directiveToken[i]) {
                continue;
            }
            Token t = tokens.get(i);
            int d = t.is("{") ? 1 : t.is("}") ? -1 : 0;
            if (d != 0) {
                for (int b = tokenBranch[i]; b >= 0; b = branches.get(b).parent()) {
                    delta[b] += d;
                }
            }
        }
        boolean[] counting = new boolean[branches.size()];
        for (int blk = 0; blk < blocks.size(); blk++) {
            int[] ids = block(blk);
            boolean uniform = true;
            Integer first = null;
            for (int id : ids) {
                if (branches.get(id).effective() instanceof Cond.False) {
                    continue;
                }
                if (first == null) {
                    first = delta[id];
                } else if (first != delta[id]) {
                    uniform = false;
                }
            }
            for (int id : ids) {
                counting[id] = uniform || branches.get(id).firstLive();
            }
        }
        return counting;
    }

    private boolean dead(int tok) {
        int b = tokenBranch[tok];
        while (b >= 0) {
            Branch br = branches.get(b);
            if (br.effective() instanceof Cond.False) {
                return true;
            }
            b = br.parent();
        }
        return false;
    }

    private static final Set<String> ATTRIBUTE_WORDS = Set.of("__attribute__", "__attribute", "__declspec", "_Alignas",
            "__aligned", "__section", "__asm__", "asm", "__asm", "__typeof__", "typeof", "__typeof", "sizeof");

    /**
     * Cuts the live text into top-level chunks: a declaration ends at ';' at
     * brace depth 0, a function definition at the '}' closing its body. Braces
     * count only in the first live branch of a conditional block, as the
     * alternatives usually repeat the same opening (ctags does the same).
     */
    private Chunks cutChunks() {
        int n = tokens.size();
        int[] tokenChunk = new int[n];
        Arrays.fill(tokenChunk, -1);
        List<int[]> chunks = new ArrayList<>();
        List<Boolean> functions = new ArrayList<>();
        int start = -1;
        int depth = 0;
        int paren = 0;
        boolean sawEquals = false;
        boolean sawCall = false;
        boolean function = false;
        Token prev = null;
        boolean[] secondary = new boolean[1];
        boolean[] counting = countingBranches();
        for (int i = 0; i < n; i++) {
            if (directiveToken[i]) {
                continue;
            }
            secondary[0] = false;
            if (deadOrSecondary(i, secondary, counting)) {
                continue;
            }
            Token t = tokens.get(i);
            if (start < 0) {
                start = i;
                depth = 0;
                paren = 0;
                sawEquals = false;
                sawCall = false;
                function = false;
                prev = null;
            }
            tokenChunk[i] = chunks.size();
            boolean counts = !secondary[0];
            boolean end = false;
            if (t.kind() == TokenKind.PUNCTUATOR) {
                switch (t.text()) {
                    case "(":
                        if (counts) {
                            if (depth == 0 && paren == 0 && prev != null
                                    && (prev.is(")") || prev.kind() == TokenKind.IDENTIFIER
                                            && !ATTRIBUTE_WORDS.contains(prev.text()))) {
                                sawCall = true;
                            }
                            paren++;
                        }
                        break;
                    case ")":
                        if (counts && paren > 0) {
                            paren--;
                        }
                        break;
                    case "=":
                        if (depth == 0 && paren == 0) {
                            sawEquals = true;
                        }
                        break;
                    case "{":
                        if (counts) {
                            if (depth == 0 && paren == 0) {
                                function = sawCall && !sawEquals;
                            }
                            depth++;
                        }
                        break;
                    case "}":
                        if (counts && depth > 0) {
                            depth--;
                            if (depth == 0 && function && paren == 0) {
                                end = true;
                            }
                        }
                        break;
                    case ";":
                        if (depth == 0 && paren == 0) {
                            end = true;
                        }
                        break;
                    default:
                        break;
                }
            }
            prev = t;
            if (end) {
                chunks.add(new int[] {start, i + 1});
                functions.add(function);
                start = -1;
            }
        }
        if (start >= 0) {
            chunks.add(new int[] {start, n});
            functions.add(function);
        }
        int[] chunkStart = new int[chunks.size()];
        int[] chunkEnd = new int[chunks.size()];
        boolean[] chunkIsFunction = new boolean[chunks.size()];
        for (int c = 0; c < chunks.size(); c++) {
            chunkStart[c] = chunks.get(c)[0];
            chunkEnd[c] = chunks.get(c)[1];
            chunkIsFunction[c] = functions.get(c);
        }
        return new Chunks(chunkStart, chunkEnd, chunkIsFunction, tokenChunk);
    }

    private Chunks chunks() {
        Chunks c = chunks;
        if (c == null) {
            synchronized (this) {
                c = chunks;
                if (c == null) {
                    chunks = c = cutChunks();
                }
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- queries

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    private volatile byte[] contentHash;

    /** SHA-256 of the text, computed once: what caches of results read from this file are keyed by. */
    public byte[] contentHash() {
        byte[] h = contentHash;
        if (h == null) {
            try {
                h = java.security.MessageDigest.getInstance("SHA-256").digest(
                        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
            contentHash = h;
        }
        return h.clone();
    }

    public LineMap lines() {
        return lines;
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** The innermost branch holding token {@code i}, -1 at top level. */
    public int branchOf(int i) {
        return tokenBranch[i];
    }

    public boolean isDirectiveToken(int i) {
        return directiveToken[i];
    }

    /** Whether a text token sits in a branch no kernel C build takes. */
    public boolean isDead(int i) {
        return dead(i);
    }

    public List<Directive> directives() {
        return directives;
    }

    public List<Branch> branches() {
        return branches;
    }

    /** Branch ids of block {@code b}, in order. */
    public int[] block(int b) {
        int[] ids = blocks.get(b);
        return ids == null ? new int[0] : ids;
    }

    public int blockCount() {
        return blocks.size();
    }

    /** Offset just after the #endif line of block {@code b}. */
    public int blockEnd(int b) {
        return blockEnd[b];
    }

    public List<MacroDef> macros() {
        return macros;
    }

    /**
     * The definitions some kernel C build can see (not in an #ifdef __ASSEMBLY__
     * or #if 0 branch), by name, each name's in file order; built on first use.
     */
    public Map<String, List<MacroDef>> liveMacros() {
        Map<String, List<MacroDef>> m = liveMacros;
        if (m == null) {
            Map<String, List<MacroDef>> byName = new HashMap<>();
            for (MacroDef d : macros) {
                if (d.branch() >= 0 && presence(d.branch()) instanceof Cond.False) {
                    continue;
                }
                byName.computeIfAbsent(d.name(), k -> new ArrayList<>(1)).add(d);
            }
            Map<String, List<MacroDef>> frozen = new HashMap<>(byName.size() * 2);
            byName.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            liveMacros = m = java.util.Collections.unmodifiableMap(frozen);
        }
        return m;
    }

    /** The macro defined by directive {@code d}, or null. */
    public MacroDef macroAt(int d) {
        return macroByDirective.get(d);
    }

    /** The include of directive {@code d}, or null. */
    public Include includeAt(int d) {
        return includeByDirective.get(d);
    }

    public List<Include> includes() {
        return includes;
    }

    public List<String> problems() {
        return problems;
    }

    /** The include guard macro ("#pragma once" for that form), or null. */
    public String guard() {
        return guard;
    }

    /** The branch the include guard opens, -1 when none: its condition is not a presence condition. */
    public int guardBranch() {
        return guardBranch;
    }

    /** The presence condition of branch {@code b} inside this file: its test and every enclosing one's. */
    public Cond presence(int b) {
        List<Cond> parts = new ArrayList<>();
        while (b >= 0) {
            Branch br = branches.get(b);
            if (b != guardBranch) {
                parts.add(br.effective());
            }
            b = br.parent();
        }
        java.util.Collections.reverse(parts);
        return Cond.and(parts);
    }

    public int chunkCount() {
        return chunks().start().length;
    }

    /** First token of chunk {@code c}. */
    public int chunkStart(int c) {
        return chunks().start()[c];
    }

    /** Token index after chunk {@code c} (may include directive and dead tokens, which callers skip). */
    public int chunkEnd(int c) {
        return chunks().end()[c];
    }

    public boolean chunkIsFunction(int c) {
        return chunks().function()[c];
    }

    public int chunkOf(int token) {
        return chunks().ofToken()[token];
    }

    /** Token indices of each identifier outside directives, built on first use. */
    public int[] identifierTokens(String name) {
        Map<String, int[]> idx = identIndex;
        if (idx == null) {
            synchronized (this) {
                idx = identIndex;
                if (idx == null) {
                    Map<String, List<Integer>> m = new HashMap<>();
                    int[] tokenChunk = chunks().ofToken();
                    for (int i = 0; i < tokens.size(); i++) {
                        if (!directiveToken[i] && tokens.get(i).kind() == TokenKind.IDENTIFIER && tokenChunk[i] >= 0) {
                            m.computeIfAbsent(tokens.get(i).text(), k -> new ArrayList<>(2)).add(i);
                        }
                    }
                    Map<String, int[]> frozen = new HashMap<>(m.size() * 2);
                    m.forEach((k, v) -> frozen.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
                    identIndex = idx = frozen;
                }
            }
        }
        int[] r = idx.get(name);
        return r == null ? new int[0] : r;
    }

    public SourceRange range(int startOffset, int endOffset) {
        return lines.range(startOffset, endOffset);
    }

    /** Range of tokens [first, last] inclusive. */
    public SourceRange tokenRange(int first, int last) {
        return lines.range(tokens.get(first).start(), tokens.get(last).end());
    }
}
